using System.Text.Json;
using StackExchange.Redis;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Streams;

namespace VodManager.Tests.Jobs;

/// <summary>
/// Two nodes (two containers of Core's real services) on one PostgreSQL database and one real Redis: what an editor
/// connected to one node sees of jobs that run on the other.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class RedisProgressBusTests
{
    [Fact]
    public async Task Updates_of_an_account_published_on_one_node_reach_its_subscribers_on_the_other_in_order_and_no_other_account()
    {
        var redis = await Redis.GetAsync();
        var (node1, node2) = await StartNodesAsync(redis);
        await using var _ = node1;
        await using var __ = node2;
        var (accountA, streamA) = await node1.AddAccountWithStreamAsync(name: "A");
        var (accountB, _) = await node1.AddAccountWithStreamAsync(name: "B");
        var seenByA = new ReceivedUpdates();
        var seenByB = new ReceivedUpdates();
        using var a = node2.Get<IProgressBus>().Subscribe(accountA.Id, seenByA.Add);
        using var b = node2.Get<IProgressBus>().Subscribe(accountB.Id, seenByB.Add);

        var (jobId, run) = await TestJob.StartAsync(node1, accountA.Id, streamA.Id);
        for (var i = 1; i <= 20; i++)
        {
            run.Report(new JobProgress($"step {i}", i * 4));
        }

        await run.SucceedAsync();

        await Wait.UntilAsync(() => seenByA.Any(u => u.IsFinished), "the finished update never reached node 2");
        var updates = seenByA.All();
        Assert.Equal(["queued", "starting", .. Enumerable.Range(1, 20).Select(i => $"step {i}"), "done"], updates.Select(u => u.Stage));
        Assert.All(updates.Zip(updates.Skip(1)), pair => Assert.True(pair.First.Sequence < pair.Second.Sequence));
        Assert.All(updates, u => Assert.Equal(accountA.Id, u.AccountId));
        Assert.Equal(JobStatus.Succeeded, node2.Get<IProgressBus>().Recent(accountA.Id).Single(u => u.JobId == jobId).Status);
        Assert.Empty(seenByB.All());
        Assert.Empty(node2.Get<IProgressBus>().Recent(accountB.Id));
    }

    [Fact]
    public async Task A_late_update_of_a_job_and_one_on_another_accounts_channel_are_dropped()
    {
        var redis = await Redis.GetAsync();
        var (node1, node2) = await StartNodesAsync(redis);
        await using var _ = node1;
        await using var __ = node2;
        var seen = new ReceivedUpdates();
        using var subscription = node2.Get<IProgressBus>().Subscribe(7, seen.Add);
        var prefix = node1.Get<Microsoft.Extensions.Options.IOptions<ProgressOptions>>().Value.ChannelPrefix;
        var jobId = Guid.NewGuid();
        var current = Update(jobId, accountId: 7, "current", sequence: 1_000);
        var late = Update(jobId, accountId: 7, "late", sequence: 999);
        var intruder = Update(Guid.NewGuid(), accountId: 8, "of account 8", sequence: 1);
        await using (var raw = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            var publisher = raw.GetSubscriber();
            await publisher.PublishAsync(RedisChannel.Literal($"{prefix}:progress:7"), JsonSerializer.Serialize(current));
            await publisher.PublishAsync(RedisChannel.Literal($"{prefix}:progress:7"), JsonSerializer.Serialize(late));
            await publisher.PublishAsync(RedisChannel.Literal($"{prefix}:progress:7"), JsonSerializer.Serialize(intruder));
            await publisher.PublishAsync(RedisChannel.Literal($"{prefix}:progress:7"), JsonSerializer.Serialize(current with { Stage = "after", Sequence = 1_001 }));
        }

        await Wait.UntilAsync(() => seen.Any(u => u.Stage == "after"), "the last update never arrived");
        Assert.Equal(["current", "after"], seen.All().Select(u => u.Stage));
        Assert.Empty(node2.Get<IProgressBus>().Recent(8));
    }

    [Fact]
    public async Task When_Redis_dies_mid_job_the_job_finishes_the_other_node_reads_the_job_table_and_goes_live_again_when_Redis_returns()
    {
        await using var redis = await Redis.StartNewAsync();
        var (node1, node2) = await StartNodesAsync(redis);
        await using var _ = node1;
        await using var __ = node2;
        var (account, stream) = await node1.AddAccountWithStreamAsync();
        var seen = new ReceivedUpdates();
        using var subscription = node2.Get<IProgressBus>().Subscribe(account.Id, seen.Add);
        var (jobId, run) = await TestJob.StartAsync(node1, account.Id, stream.Id);
        run.Report(new JobProgress("before", 10));
        await Wait.UntilAsync(() => seen.Any(u => u.Stage == "before"), "node 2 did not see the job live");

        redis.Kill();
        await Wait.UntilAsync(() => !node1.Get<IProgressBus>().IsLive && !node2.Get<IProgressBus>().IsLive, "the nodes did not notice Redis died");
        run.Report(new JobProgress("while Redis is down", 60)); // must not throw into the job
        await run.SucceedAsync();
        await Wait.UntilAsync(() => seen.Any(u => u.JobId == jobId && u.Status == JobStatus.Succeeded), "node 2 never read the finished job from the table");
        Assert.Equal(JobStatus.Succeeded, node2.Get<IProgressBus>().Recent(account.Id).Single(u => u.JobId == jobId).Status);

        await redis.RestartAsync();
        await Wait.UntilAsync(() => node1.Get<IProgressBus>().IsLive && node2.Get<IProgressBus>().IsLive, "the nodes did not go live again");

        // Published only on the bus (no job row): it can reach node 2 through Redis alone.
        var liveOnly = Update(Guid.NewGuid(), account.Id, "live again", sequence: 0);
        node1.Get<IProgressBus>().Publish(liveOnly);
        await Wait.UntilAsync(() => seen.Any(u => u.JobId == liveOnly.JobId), "an update published after Redis returned did not arrive live");
    }

    [Fact]
    public async Task A_node_stopped_and_disposed_at_once_shuts_its_Redis_connection_down_cleanly()
    {
        // What a web host does on shutdown: the test factory's stop and the app's own RunAsync stop it together, and
        // RunAsync disposes the services as soon as its stop returns.
        var settings = await TestJob.RedisNodeSettingsAsync(await Redis.GetAsync(), TimeSpan.FromMilliseconds(300));
        await using var node = await CoreHost.StartAsync(settings);
        var bus = node.Get<RedisProgressBus>();
        await Wait.UntilAsync(() => bus.IsLive, "the node did not subscribe to Redis");

        var stopping = bus.StopAsync(CancellationToken.None);
        var disposing = bus.DisposeAsync().AsTask();

        Assert.Null(await Record.ExceptionAsync(() => Task.WhenAll(stopping, disposing)));
    }

    [Fact]
    public async Task A_trim_on_one_node_reaches_the_streams_editors_on_both_nodes_once_and_no_other_account()
    {
        var redis = await Redis.GetAsync();
        var (node1, node2) = await StartNodesAsync(redis);
        await using var _ = node1;
        await using var __ = node2;
        var (account, stream) = await node1.AddAccountWithStreamAsync(name: "A");
        var (other, _) = await node1.AddAccountWithStreamAsync(name: "B");
        var highlight = (await EditorData.AddHighlightsAsync(node1.Services, account.Id, stream.Id))[0];
        var (onNode1, onNode2, ofOther) = (new List<StreamChange>(), new List<StreamChange>(), new List<StreamChange>());
        using var a = node1.Get<IProgressBus>().SubscribeChanges(account.Id, c => { lock (onNode1) { onNode1.Add(c); } return Task.CompletedTask; });
        using var b = node2.Get<IProgressBus>().SubscribeChanges(account.Id, c => { lock (onNode2) { onNode2.Add(c); } return Task.CompletedTask; });
        using var d = node2.Get<IProgressBus>().SubscribeChanges(other.Id, x => { lock (ofOther) { ofOther.Add(x); } return Task.CompletedTask; });

        await node1.Get<Core.Editing.HighlightEditor>().SaveTrimAsync(account.Id, highlight.Id, 60, 70, null, "alice", CancellationToken.None);

        await Wait.UntilAsync(() => Locked(onNode2).Count == 1, "node 2's editor never heard of the trim");
        await Task.Delay(500); // the echo of node 1's own change comes back from Redis meanwhile, and must be dropped
        Assert.Equal([stream.Id], Locked(onNode1).Select(x => x.StreamId));
        Assert.Equal([stream.Id], Locked(onNode2).Select(x => x.StreamId));
        Assert.Equal(StreamChangeKind.Trim, Locked(onNode2)[0].Kind);
        Assert.True(node1.Get<IProgressBus>().PublishedHereBefore(Locked(onNode1)[0], long.MaxValue));
        Assert.False(node2.Get<IProgressBus>().PublishedHereBefore(Locked(onNode2)[0], long.MaxValue)); // node 1's clock means nothing on node 2
        Assert.Empty(Locked(ofOther));
    }

    private static List<T> Locked<T>(List<T> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }

    private static async Task<(CoreHost Node1, CoreHost Node2)> StartNodesAsync(Redis redis)
    {
        var settings = await TestJob.RedisNodeSettingsAsync(redis, TimeSpan.FromMilliseconds(300));
        var node1 = await CoreHost.StartAsync(settings);
        var node2 = await CoreHost.StartAsync(settings);
        await Wait.UntilAsync(() => node1.Get<IProgressBus>().IsLive && node2.Get<IProgressBus>().IsLive, "the nodes did not subscribe to Redis");
        return (node1, node2);
    }

    [Fact]
    public async Task A_job_the_command_line_runs_reaches_an_app_nodes_editors_through_redis_as_it_happens()
    {
        var redis = await Redis.GetAsync();
        // Read from the job table only every 30 s: what arrives sooner came through Redis.
        var settings = await TestJob.RedisNodeSettingsAsync(redis, TimeSpan.FromSeconds(30));
        await using var app = await CoreHost.StartAsync(settings);
        await Wait.UntilAsync(() => app.Get<IProgressBus>().IsLive, "the app node did not subscribe to Redis");
        var (account, stream) = await app.AddAccountWithStreamAsync();
        var seen = new ReceivedUpdates();
        using var subscription = app.Get<IProgressBus>().Subscribe(account.Id, seen.Add);
        var environment = settings.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value!);
        environment["VodManager__DataFolder"] = app.DataFolder;
        environment["VodManager__SeedDemo"] = "false";

        var (exit, _, stderr) = await WebHostProcess.RunAsync(["import", "--stream", $"{stream.Id}", "--chat", RealChat.Small], environment, TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, stderr);
        await Wait.UntilAsync(() => seen.Any(u => u.Kind == DetectHighlightsRequest.JobKind && u.IsFinished), "the command line's detection never reached the app node", TimeSpan.FromSeconds(10));
        var import = seen.All().Where(u => u.Kind == ImportFileRequest.JobKind).ToList();
        Assert.Equal(JobStatus.Succeeded, import[^1].Status);
        Assert.Contains(import, u => u.Status == JobStatus.Running); // its progress, not only its end
    }

    private static JobUpdate Update(Guid jobId, int accountId, string stage, long sequence) =>
        new JobUpdate(jobId, accountId, null, "test", "t", JobStatus.Running, stage, 50, null, null, null, DateTime.UtcNow) { Sequence = sequence };
}
