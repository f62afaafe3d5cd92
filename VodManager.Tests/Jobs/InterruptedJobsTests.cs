using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Core.Nodes;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Jobs;

/// <summary>
/// A node starting on a shared database settles which unfinished jobs will still finish: those the scheduler holds,
/// those a live node runs outside it (the CLI), those just queued; every other one is marked failed, and the sweeps are
/// told it will not run.
/// </summary>
public abstract class InterruptedJobsTests
{
    protected abstract DatabaseEngine Engine { get; }

    [Fact]
    public async Task A_starting_node_fails_only_the_jobs_that_nothing_will_run_again()
    {
        var settings = await TestDatabase.SettingsAsync(Engine);
        await using var cli = await CoreHost.StartAsync(settings);
        var (account, stream) = await cli.AddAccountWithStreamAsync();
        var now = DateTime.UtcNow;
        var jobs = new Dictionary<string, JobRecord>
        {
            ["running in the live CLI"] = Record(JobStatus.Running, cli.Get<LocalNode>().Id, now),
            ["running on a node that died"] = Record(JobStatus.Running, "a-node-that-died", now),
            ["recovered by the scheduler"] = Record(JobStatus.Running, "a-node-that-died", now),
            ["queued long ago, never scheduled"] = Record(JobStatus.Queued, null, now.AddHours(-1)),
            ["queued a moment ago"] = Record(JobStatus.Queued, null, now),
            ["finished"] = Record(JobStatus.Succeeded, "a-node-that-died", now.AddHours(-1)),
        };
        await using (var db = await cli.DbAsync())
        {
            db.Jobs.AddRange(jobs.Values);
            await db.SaveChangesAsync();
        }

        await using var starting = await CoreHost.StartAsync(new Dictionary<string, string?>(settings) { ["VodManager:DataFolder"] = cli.DataFolder });
        var scheduled = jobs["recovered by the scheduler"].Id;
        var willRun = await starting.Get<InterruptedJobs>().SettleAsync((id, _) => Task.FromResult(id == scheduled), CancellationToken.None);

        await using (var db = await starting.DbAsync())
        {
            var after = await db.Jobs.AsNoTracking().ToDictionaryAsync(j => j.Id);
            Assert.Equal(
                new Dictionary<string, JobStatus>
                {
                    ["running in the live CLI"] = JobStatus.Running,
                    ["running on a node that died"] = JobStatus.Failed,
                    ["recovered by the scheduler"] = JobStatus.Running,
                    ["queued long ago, never scheduled"] = JobStatus.Failed,
                    ["queued a moment ago"] = JobStatus.Queued,
                    ["finished"] = JobStatus.Succeeded,
                },
                jobs.ToDictionary(j => j.Key, j => after[j.Value.Id].Status));
            var failed = after.Values.Where(j => j.Status == JobStatus.Failed).ToList();
            Assert.All(failed, j => Assert.Equal(InterruptedJobs.Reason, j.Error));
            Assert.All(failed, j => Assert.NotNull(j.FinishedAt));
        }

        var expected = new Dictionary<string, bool>
        {
            ["running in the live CLI"] = true,
            ["running on a node that died"] = false,
            ["recovered by the scheduler"] = true,
            ["queued long ago, never scheduled"] = false,
            ["queued a moment ago"] = true,
            ["finished"] = false,
        };
        foreach (var (name, runs) in expected)
        {
            Assert.True(runs == await willRun(jobs[name].Id.ToString("N"), CancellationToken.None), $"{name}: expected {(runs ? "to run" : "not to run")}");
        }

        Assert.False(await willRun("not-a-job", CancellationToken.None));

        JobRecord Record(JobStatus status, string? node, DateTime created) => Builders.Job(account.Id, stream.Id, "cut", status, node, created);
    }

    public sealed class OnSqlite : InterruptedJobsTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : InterruptedJobsTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }
}
