using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Jobs;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Jobs;

/// <summary>
/// Two nodes on one database: a job runs on node A, an editor's cancel arrives at node B; A's job stops, cleans up and
/// ends Cancelled. Another account's cancel is "not found", and so is one for a finished job.
/// </summary>
public abstract class CrossNodeCancelTests
{
    protected abstract DatabaseEngine Engine { get; }

    [Fact]
    public async Task A_cancel_on_node_b_stops_the_job_running_on_node_a()
    {
        var settings = await TestDatabase.SettingsAsync(Engine, new Dictionary<string, string?> { ["Jobs:CancelCheckInterval"] = "00:00:00.2" });
        await using var a = await CoreHost.StartAsync(settings, s => s
            .AddSingleton<RunUntilCancelled>()
            .AddJobHandler<RunUntilCancelledRequest, RunUntilCancelled>(RunUntilCancelledRequest.JobKind));
        await using var b = await CoreHost.StartAsync(new Dictionary<string, string?>(settings) { ["VodManager:DataFolder"] = a.DataFolder });
        var (account, stream) = await a.AddAccountWithStreamAsync();
        var (other, _) = await a.AddAccountWithStreamAsync(name: "Other account");
        var request = new RunUntilCancelledRequest { AccountId = account.Id, StreamId = stream.Id };
        var jobId = await a.Get<JobTracker>().RecordQueuedAsync(request, CancellationToken.None);
        var handler = a.Get<RunUntilCancelled>();

        var running = a.Get<JobExecutor>().ExecuteAsync(jobId, request, recovering: false, CancellationToken.None);
        await handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var queue = b.Get<IJobQueue>();

        Assert.False(await queue.CancelAsync(other.Id, jobId, CancellationToken.None), "another account cancelled the job");
        Assert.True(await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(1))) != running, "the job stopped without a cancel for its account");
        Assert.True(await queue.CancelAsync(account.Id, jobId, CancellationToken.None));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(handler.CleanedUp, "the handler's clean-up did not run");
        await using (var db = await b.DbAsync())
        {
            Assert.Equal(JobStatus.Cancelled, (await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId)).Status);
        }

        Assert.False(await queue.CancelAsync(account.Id, jobId, CancellationToken.None), "a finished job took a cancel");
    }

    [Fact]
    public async Task A_job_cancelled_while_queued_ends_cancelled_as_soon_as_a_node_starts_it()
    {
        var settings = await TestDatabase.SettingsAsync(Engine, new Dictionary<string, string?> { ["Jobs:CancelCheckInterval"] = "00:01:00" });
        await using var a = await CoreHost.StartAsync(settings, s => s
            .AddSingleton<RunUntilCancelled>()
            .AddJobHandler<RunUntilCancelledRequest, RunUntilCancelled>(RunUntilCancelledRequest.JobKind));
        var (account, stream) = await a.AddAccountWithStreamAsync();
        var request = new RunUntilCancelledRequest { AccountId = account.Id, StreamId = stream.Id };
        var jobId = await a.Get<JobTracker>().RecordQueuedAsync(request, CancellationToken.None);
        Assert.True(await a.Get<IJobQueue>().CancelAsync(account.Id, jobId, CancellationToken.None));

        // The check interval is a minute: only the look at the start can stop it within the wait.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            a.Get<JobExecutor>().ExecuteAsync(jobId, request, recovering: false, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        await using var db = await a.DbAsync();
        Assert.Equal(JobStatus.Cancelled, (await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId)).Status);
    }

    public sealed record RunUntilCancelledRequest : JobRequest
    {
        public const string JobKind = "test-run-until-cancelled";

        public override string Kind => JobKind;

        public override string Describe() => "Run until cancelled";
    }

    /// <summary>The workload: reports progress and holds on until its token is cancelled, then cleans up.</summary>
    public sealed class RunUntilCancelled : IJobHandler<RunUntilCancelledRequest>
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool CleanedUp { get; private set; }

        public async Task RunAsync(RunUntilCancelledRequest request, JobContext context, CancellationToken cancellationToken)
        {
            try
            {
                context.Progress.Report(new JobProgress("working", 10, null));
                Started.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                CleanedUp = true;
            }
        }
    }

    public sealed class OnSqlite : CrossNodeCancelTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : CrossNodeCancelTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }
}
