using Microsoft.EntityFrameworkCore;
using VodManager.Core.Jobs;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Jobs;

public sealed class ProgressBusTests : IAsyncLifetime
{
    private CoreHost _host = default!;

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Two_subscribers_both_receive_every_report_of_a_job_in_order()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync();
        var bus = _host.Get<IProgressBus>();
        var first = new List<JobUpdate>();
        var second = new List<JobUpdate>();
        using var a = bus.Subscribe(account.Id, u => { lock (first) { first.Add(u); } return Task.CompletedTask; });
        using var b = bus.Subscribe(account.Id, u => { lock (second) { second.Add(u); } return Task.CompletedTask; });

        var (jobId, run) = await TestJob.StartAsync(_host, account.Id, stream.Id);
        run.Report(new JobProgress("cutting 1 of 2", 25));
        run.Report(new JobProgress("cutting 2 of 2", 75, "clip 2"));
        await run.SucceedAsync();

        await Wait.UntilAsync(() => Count(first) >= 5 && Count(second) >= 5, "timed out waiting for progress updates");
        Assert.Equal(Stages(first), Stages(second));
        Assert.Equal(["queued", "starting", "cutting 1 of 2", "cutting 2 of 2", "done"], Stages(first));
        Assert.All(first, u => Assert.Equal(jobId, u.JobId));
        Assert.Equal(JobStatus.Succeeded, first[^1].Status);
    }

    [Fact]
    public async Task Progress_is_persisted_and_a_failure_keeps_its_reason()
    {
        var (account, _) = await _host.AddAccountWithStreamAsync();
        var (jobId, run) = await TestJob.StartAsync(_host, account.Id);
        run.Report(new JobProgress("pulling source", 40));

        await run.FailAsync("source VOD 12 is missing from storage");

        await using var db = await _host.DbAsync();
        var record = await db.Jobs.SingleAsync(j => j.Id == jobId);
        Assert.Equal(JobStatus.Failed, record.Status);
        Assert.Equal("source VOD 12 is missing from storage", record.Error);
        Assert.Equal(40, record.Percent);
        Assert.NotNull(record.FinishedAt);
    }

    [Fact]
    public async Task A_subscriber_that_throws_does_not_stop_the_others()
    {
        var bus = _host.Get<IProgressBus>();
        var received = 0;
        using var bad = bus.Subscribe(1, _ => throw new InvalidOperationException("broken circuit"));
        using var good = bus.Subscribe(1, _ => { Interlocked.Increment(ref received); return Task.CompletedTask; });

        bus.Publish(new JobUpdate(Guid.NewGuid(), 1, null, "test", "t", JobStatus.Running, "s", 10, null, null, null, DateTime.UtcNow));

        await Wait.UntilAsync(() => Volatile.Read(ref received) == 1, "the good subscriber received nothing");
    }

    [Fact]
    public async Task A_subscriber_receives_its_account_only_and_the_console_every_account()
    {
        var bus = _host.Get<IProgressBus>();
        var ofOne = new List<int>();
        var ofAll = new List<int>();
        using var one = bus.Subscribe(1, u => { lock (ofOne) { ofOne.Add(u.AccountId); } return Task.CompletedTask; });
        using var all = bus.Subscribe(null, u => { lock (ofAll) { ofAll.Add(u.AccountId); } return Task.CompletedTask; });

        bus.Publish(new JobUpdate(Guid.NewGuid(), 2, null, "test", "t", JobStatus.Running, "s", 10, null, null, null, DateTime.UtcNow));
        bus.Publish(new JobUpdate(Guid.NewGuid(), 1, null, "test", "t", JobStatus.Running, "s", 10, null, null, null, DateTime.UtcNow));

        await Wait.UntilAsync(() => Count(ofAll) == 2 && Count(ofOne) == 1, "the updates did not arrive");
        Assert.Equal([1], ofOne);
        Assert.Equal([1], bus.Recent(1).Select(u => u.AccountId));
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing_more()
    {
        var bus = _host.Get<IProgressBus>();
        var received = 0;
        var subscription = bus.Subscribe(1, _ => { Interlocked.Increment(ref received); return Task.CompletedTask; });
        subscription.Dispose();

        bus.Publish(new JobUpdate(Guid.NewGuid(), 1, null, "test", "t", JobStatus.Running, "s", 10, null, null, null, DateTime.UtcNow));

        await Task.Delay(100);
        Assert.Equal(0, received);
    }

    [Fact]
    public async Task A_stream_change_reaches_the_accounts_subscribers_only_until_they_unsubscribe()
    {
        var bus = _host.Get<IProgressBus>();
        var (ofOne, ofTwo, gone) = (new List<int>(), new List<int>(), new List<int>());
        using var one = bus.SubscribeChanges(1, c => { lock (ofOne) { ofOne.Add(c.StreamId); } return Task.CompletedTask; });
        using var two = bus.SubscribeChanges(2, c => { lock (ofTwo) { ofTwo.Add(c.StreamId); } return Task.CompletedTask; });
        var disposed = bus.SubscribeChanges(1, c => { lock (gone) { gone.Add(c.StreamId); } return Task.CompletedTask; });
        disposed.Dispose();

        bus.PublishChange(new StreamChange(1, 42, StreamChangeKind.Trim));
        bus.PublishChange(new StreamChange(2, 7, StreamChangeKind.Details));

        await Wait.UntilAsync(() => Count(ofOne) == 1 && Count(ofTwo) == 1, "the changes did not arrive");
        Assert.Equal([42], ofOne);
        Assert.Equal([7], ofTwo);
        await Task.Delay(100);
        Assert.Empty(gone);
        Assert.Empty(bus.Recent(1)); // a change is not a job: job lists never show it
    }

    [Fact]
    public async Task A_page_knows_its_own_change_by_when_it_read_and_never_knows_another_nodes()
    {
        var bus = _host.Get<IProgressBus>();
        var time = _host.Get<TimeProvider>();
        var received = new List<StreamChange>();
        using var subscription = bus.SubscribeChanges(1, c => { lock (received) { received.Add(c); } return Task.CompletedTask; });

        var readBefore = time.GetTimestamp();
        bus.PublishChange(new StreamChange(1, 42, StreamChangeKind.Dismissal));
        var readAfter = time.GetTimestamp();
        await Wait.UntilAsync(() => Count(received) == 1, "the change did not arrive");

        var change = received[0];
        Assert.Equal(StreamChangeKind.Dismissal, change.Kind);
        Assert.True(bus.PublishedHereBefore(change, readAfter)); // the page that made it has read since: no second read
        Assert.False(bus.PublishedHereBefore(change, readBefore - 1)); // it read before the change: read again
        Assert.False(bus.PublishedHereBefore(change with { Origin = Guid.NewGuid() }, long.MaxValue)); // another node's clock says nothing here
    }

    private static int Count<T>(List<T> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static List<string?> Stages(List<JobUpdate> list)
    {
        lock (list)
        {
            return list.Select(u => u.Stage).ToList();
        }
    }
}
