using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace VodManager.Core.Jobs;

/// <summary>
/// The progress bus of a node among several: every update is delivered here at once (jobs on this node stay live
/// whatever happens to Redis) and published on its account's Redis channel; updates from other nodes come back through
/// a pattern subscription and go through the local bus, which drops stale ones by sequence (our own echo included).
/// While Redis is unreachable, publishing does nothing (it never queues or throws into a job) and the job table is
/// read every <see cref="ProgressOptions.PollInterval"/> instead; it is read once more when Redis returns, to catch up
/// on what was missed, and once on start, so <see cref="Recent"/> knows jobs that began before this node did.
/// </summary>
public sealed class RedisProgressBus(
    ProgressBus local,
    JobTableProgress table,
    IOptions<ProgressOptions> options,
    TimeProvider time,
    ILogger<RedisProgressBus> logger) : IProgressBus, IHostedService, IAsyncDisposable
{
    private readonly ProgressOptions _options = options.Value;
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _heardLive = new();
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _redis;
    private ChannelMessageQueue? _messages;
    private ChannelMessageQueue? _changes;
    private Task _watching = Task.CompletedTask;
    private readonly Lock _stopGate = new();
    private Task? _stop;
    private volatile bool _live;

    public bool IsLive => _live;

    public event Action? LiveChanged;

    // Job progress and editors' changes travel on channels of their own, one per account each.
    private const string ProgressKind = "progress";
    private const string ChangesKind = "changes";

    private RedisChannel AllAccounts => RedisChannel.Pattern($"{_options.ChannelPrefix}:{ProgressKind}:*");

    private RedisChannel AllChanges => RedisChannel.Pattern($"{_options.ChannelPrefix}:{ChangesKind}:*");

    public void Publish(JobUpdate update)
    {
        local.PublishLocal(update, Send);
        _heardLive[update.JobId] = time.GetUtcNow();
    }

    public IDisposable Subscribe(int? accountId, Func<JobUpdate, Task> handler) => local.Subscribe(accountId, handler);

    /// <summary>Delivered here at once and sent to the other nodes; while Redis is away they miss it (nothing is queued).</summary>
    public void PublishChange(StreamChange change)
    {
        local.PublishChange(change);
        Send(AccountChannel(ChangesKind, change.AccountId), JsonSerializer.Serialize(change with { Origin = local.Id }), "a stream change");
    }

    public IDisposable SubscribeChanges(int accountId, Func<StreamChange, Task> handler) => local.SubscribeChanges(accountId, handler);

    public bool PublishedHereBefore(StreamChange change, long timestamp) => local.PublishedHereBefore(change, timestamp);

    public IReadOnlyList<JobUpdate> Recent(int accountId) => local.Recent(accountId);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _redis = await ConnectAsync();
        _redis.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                SetLive(false); // at once: the watch loop notices within a poll interval and starts reading the table
            }
        };
        _watching = WatchAsync(_stopping.Token);
    }

    /// <summary>
    /// For a process that runs jobs but shows no editor (the command line): connects only to send its jobs' updates and
    /// its changes to every node's editors, following no one else's (<see cref="StartAsync"/> is an app node's start).
    /// What was sent is flushed when the bus is disposed.
    /// </summary>
    public async Task StartPublishingAsync()
    {
        // A command waits for Redis a second at most: the job runs all the same, its updates are only not sent.
        _redis ??= await ConnectAsync(TimeSpan.FromSeconds(1));
        if (!_redis.IsConnected)
        {
            logger.LogWarning("Redis for job progress is unreachable from here: open editors may show this command's jobs only after a reload");
        }
    }

    private Task<ConnectionMultiplexer> ConnectAsync(TimeSpan? connectTimeout = null)
    {
        var configuration = ConfigurationOptions.Parse(_options.Redis);
        if (connectTimeout is { } timeout)
        {
            configuration.ConnectTimeout = (int)timeout.TotalMilliseconds;
        }

        configuration.AbortOnConnectFail = false; // a node starts, and its jobs run, without Redis
        configuration.BacklogPolicy = BacklogPolicy.FailFast; // progress is perishable: never queue it for later
        configuration.ReconnectRetryPolicy = new LinearRetry((int)Math.Max(_options.PollInterval.TotalMilliseconds, 500));
        return ConnectionMultiplexer.ConnectAsync(configuration);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Stopped more than once, and at once: a test factory stops the host while the app's own RunAsync, seeing the
        // stop, stops it too and then disposes the bus. Every caller waits for the one stop, so the connection is
        // never disposed under an unsubscribe still in flight.
        lock (_stopGate)
        {
            return _stop ??= StopOnceAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);

        _redis?.Dispose();
        _stopping.Dispose();
    }

    private async Task StopOnceAsync()
    {
        await _stopping.CancelAsync();
        await _watching;
        foreach (var queue in new[] { _messages, _changes }.OfType<ChannelMessageQueue>())
        {
            await queue.UnsubscribeAsync();
        }

        if (_redis is not null)
        {
            await _redis.CloseAsync();
        }
    }

    /// <summary>Follows Redis' state: live while subscribed, reading the job table while not.</summary>
    private async Task WatchAsync(CancellationToken stopping)
    {
        await CatchUpAsync(stopping);
        var warned = false;
        while (!stopping.IsCancellationRequested)
        {
            if (await EnsureSubscribedAsync())
            {
                if (!_live)
                {
                    // Whatever was published while we could not hear it is in the table; read it before trusting the channel.
                    await CatchUpAsync(stopping);
                    SetLive(true);
                    warned = false;
                    logger.LogInformation("Job progress from other nodes is live through Redis");
                }
            }
            else
            {
                SetLive(false);
                if (!warned)
                {
                    warned = true;
                    logger.LogWarning("Redis for job progress is unreachable; reading the job table every {Interval} until it returns", _options.PollInterval);
                }

                await CatchUpAsync(stopping);
            }

            try
            {
                await Task.Delay(_options.PollInterval, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void SetLive(bool live)
    {
        if (_live == live)
        {
            return;
        }

        _live = live;
        try
        {
            LiveChanged?.Invoke();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A page failed on the change of live progress");
        }
    }

    private async Task<bool> EnsureSubscribedAsync()
    {
        try
        {
            if (_messages is null)
            {
                _messages = await _redis!.GetSubscriber().SubscribeAsync(AllAccounts);
                _messages.OnMessage(Receive);
            }

            if (_changes is null)
            {
                _changes = await _redis!.GetSubscriber().SubscribeAsync(AllChanges);
                _changes.OnMessage(ReceiveChange);
            }

            return _redis!.GetSubscriber().IsConnected(AllAccounts) && _redis.IsConnected;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogDebug(e, "Could not subscribe to job progress on Redis");
            return false;
        }
    }

    private void Send(JobUpdate update) =>
        Send(AccountChannel(ProgressKind, update.AccountId), JsonSerializer.Serialize(update), $"progress of job {update.JobId}");

    private void Send(RedisChannel channel, string message, string what)
    {
        // Not gated on being live (subscribed): a finish published just after Redis returns must not be lost.
        if (_redis is not { IsConnected: true })
        {
            return;
        }

        try
        {
            _redis!.GetSubscriber().Publish(channel, message, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The job goes on; other nodes read the job table until Redis is back.
            logger.LogDebug(e, "Could not publish {What} to Redis", what);
        }
    }

    private void Receive(ChannelMessage message)
    {
        if (Read<JobUpdate>(message, ProgressKind, u => u.AccountId) is { } update && local.Deliver(update))
        {
            _heardLive[update.JobId] = time.GetUtcNow();
        }
    }

    private void ReceiveChange(ChannelMessage message)
    {
        if (Read<StreamChange>(message, ChangesKind, c => c.AccountId) is { } change && change.Origin != local.Id)
        {
            local.DeliverChange(change);
        }
    }

    /// <summary>A message read from its channel; null (and logged) when unreadable or not of that channel's account.</summary>
    private T? Read<T>(ChannelMessage message, string kind, Func<T, int> accountOf) where T : class
    {
        try
        {
            var read = JsonSerializer.Deserialize<T>(message.Message.ToString());
            if (read is null || message.Channel.ToString() != AccountChannel(kind, accountOf(read)).ToString())
            {
                logger.LogWarning("Dropped a {Kind} message on {Channel} that is not of that channel's account", kind, message.Channel.ToString());
                return null;
            }

            return read;
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Dropped an unreadable {Kind} message on {Channel}", kind, message.Channel.ToString());
            return null;
        }
    }

    /// <summary>Delivers what the job table says of recent jobs where it differs from what this node knows (<see cref="JobTableProgress"/>).</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await table.CatchUpAsync(exceptNode: null, jobId => HeardSince(jobId, now - 2 * _options.PollInterval), cancellationToken);
        foreach (var (jobId, at) in _heardLive)
        {
            if (at < now - JobTableProgress.ShowFinishedFor)
            {
                _heardLive.TryRemove(jobId, out _);
            }
        }
    }

    private bool HeardSince(Guid jobId, DateTimeOffset since) => _heardLive.TryGetValue(jobId, out var at) && at >= since;

    private RedisChannel AccountChannel(string kind, int accountId) =>
        RedisChannel.Literal(string.Create(CultureInfo.InvariantCulture, $"{_options.ChannelPrefix}:{kind}:{accountId}"));
}
