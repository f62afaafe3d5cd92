using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Jobs;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Jobs;

/// <summary>
/// One app node without Redis (SQLite, the embedded default) and the command line beside it on the same data folder
/// (two containers of Core's real services): the command line's jobs reach the node's editors from the job table.
/// </summary>
public sealed class JobTableFollowerTests
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Progress:PollInterval"] = "00:00:00.2" };

    [Fact]
    public async Task A_job_the_command_line_runs_reaches_the_editors_of_a_node_without_redis_and_the_nodes_own_jobs_are_not_read_back()
    {
        await using var app = await CoreHost.StartAsync(Settings);
        await using var cli = await CoreHost.StartAsync(new Dictionary<string, string?>(Settings) { ["VodManager:DataFolder"] = app.DataFolder });
        var (account, stream) = await app.AddAccountWithStreamAsync();
        using var follower = ActivatorUtilities.CreateInstance<JobTableFollower>(app.Services);
        await follower.StartAsync(CancellationToken.None);
        var seen = new ReceivedUpdates();
        using var subscription = app.Get<IProgressBus>().Subscribe(account.Id, seen.Add);

        var (cliJob, cliRun) = await TestJob.StartAsync(cli, account.Id, stream.Id, "Cut all from the command line");
        await Wait.UntilAsync(() => seen.Any(u => u.JobId == cliJob && u.Status == JobStatus.Running), "the command line's running job never reached the app's editors");
        await cliRun.SucceedAsync("5 cut");
        await Wait.UntilAsync(() => seen.Any(u => u.JobId == cliJob && u.IsFinished), "the command line's job never ended for the app's editors");
        var ended = app.Get<IProgressBus>().Recent(account.Id).Single(u => u.JobId == cliJob);
        Assert.Equal((JobStatus.Succeeded, "5 cut", "Cut all from the command line"), (ended.Status, ended.Message, ended.Title));
        var cliUpdates = seen.All().Where(u => u.JobId == cliJob).ToList();
        Assert.All(cliUpdates.Zip(cliUpdates.Skip(1)), pair => Assert.True(pair.First.Sequence < pair.Second.Sequence));

        // The node's own job is heard live; the job table, a step behind it, must not deliver an older state again.
        var (ownJob, ownRun) = await TestJob.StartAsync(app, account.Id, stream.Id);
        for (var i = 1; i <= 5; i++)
        {
            ownRun.Report(new JobProgress($"step {i}", i * 10));
            await Task.Delay(300); // across polls
        }

        await ownRun.SucceedAsync();
        await Task.Delay(1000); // five more polls
        Assert.Equal(["queued", "starting", "step 1", "step 2", "step 3", "step 4", "step 5", "done"], seen.All().Where(u => u.JobId == ownJob).Select(u => u.Stage));
        await follower.StopAsync(CancellationToken.None);
    }
}
