using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Jobs;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// A job of kind "test" that no handler runs: a test records and starts it straight on a node's tracker and drives its
/// progress by hand, to watch how updates travel (one node's bus, Redis between nodes, the job table while Redis is down).
/// </summary>
public sealed record TestJob : JobRequest
{
    public override string Kind => "test";

    public string Title { get; init; } = "A test job";

    public override string Describe() => Title;

    /// <summary>Records the job as queued on <paramref name="node"/> and starts it there.</summary>
    public static Task<(Guid Id, JobRun Run)> StartAsync(CoreHost node, int accountId, int? streamId = null, string? title = null) =>
        StartAsync(node.Services, accountId, streamId, title);

    /// <summary>Records the job as queued on the node whose services these are (a core host or a running app) and starts it there.</summary>
    public static async Task<(Guid Id, JobRun Run)> StartAsync(IServiceProvider node, int accountId, int? streamId = null, string? title = null)
    {
        var request = new TestJob { AccountId = accountId, StreamId = streamId, Title = title ?? "A test job" };
        var tracker = node.GetRequiredService<JobTracker>();
        var id = await tracker.RecordQueuedAsync(request, CancellationToken.None);
        return (id, await tracker.StartAsync(id, request, CancellationToken.None));
    }

    /// <summary>
    /// Settings for nodes that share one PostgreSQL database and follow jobs through <paramref name="redis"/>, under a
    /// channel prefix of their own (other tests share the Redis server).
    /// </summary>
    public static Task<Dictionary<string, string?>> RedisNodeSettingsAsync(Redis redis, TimeSpan pollInterval) =>
        TestDatabase.SettingsAsync(DatabaseEngine.PostgreSql, new Dictionary<string, string?>
        {
            ["Progress:Redis"] = redis.ConnectionString,
            ["Progress:ChannelPrefix"] = "t" + Guid.NewGuid().ToString("N"),
            ["Progress:PollInterval"] = pollInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
}
