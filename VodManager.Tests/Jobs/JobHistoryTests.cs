using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Jobs;

/// <summary>The job table read back for the job lists: what ran in another process or long ago, beside what the bus heard.</summary>
public sealed class JobHistoryTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    private CoreHost _host = default!;

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_streams_recorded_jobs_come_newest_first_with_how_they_ended_and_never_another_accounts()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync();
        var (other, otherStream) = await _host.AddAccountWithStreamAsync(name: "Other account");
        await using (var db = await _host.DbAsync())
        {
            var sibling = new LiveStream { AccountId = account.Id, Channel = "test_channel", Title = "Sibling", StartedAt = Now, CreatedAt = Now };
            db.Streams.Add(sibling);
            await db.SaveChangesAsync();
            db.Jobs.AddRange(
                Record(account.Id, stream.Id, "Import chat a.json", JobStatus.Succeeded, created: Now.AddDays(-2), finished: Now.AddDays(-2).AddMinutes(1)),
                Record(account.Id, stream.Id, "Detect highlights", JobStatus.Failed, created: Now.AddDays(-1), finished: Now.AddDays(-1).AddMinutes(2), error: "no chat"),
                Record(account.Id, stream.Id, "Cut all clips", JobStatus.Running, created: Now.AddHours(-1), finished: null),
                Record(account.Id, sibling.Id, "Import chat sibling.json", JobStatus.Succeeded, created: Now.AddMinutes(-5), finished: Now.AddMinutes(-4)),
                Record(other.Id, otherStream.Id, "Import chat theirs.json", JobStatus.Succeeded, created: Now, finished: Now));
            await db.SaveChangesAsync();
        }

        var history = _host.Get<JobHistory>();
        var latestTwo = await history.LatestAsync(account.Id, stream.Id, 2, CancellationToken.None);
        Assert.Equal(["Cut all clips", "Detect highlights"], latestTwo.Select(j => j.Title));
        var failed = latestTwo[1];
        Assert.Equal((JobStatus.Failed, "no chat", stream.Id), (failed.Status, failed.Error, failed.StreamId));
        Assert.Equal(Now.AddDays(-1).AddMinutes(2), DateTime.SpecifyKind(failed.At, DateTimeKind.Utc));
        Assert.Equal(Now.AddHours(-1).AddSeconds(5), DateTime.SpecifyKind(latestTwo[0].At, DateTimeKind.Utc));

        var accountWide = await history.LatestAsync(account.Id, null, 10, CancellationToken.None);
        Assert.Equal(["Import chat sibling.json", "Cut all clips", "Detect highlights", "Import chat a.json"], accountWide.Select(j => j.Title));
        Assert.Empty(await history.LatestAsync(account.Id, otherStream.Id, 10, CancellationToken.None));

        var titles = await history.StreamTitlesAsync(account.Id, [stream.Id, otherStream.Id, 999_999], CancellationToken.None);
        Assert.Equal(new Dictionary<int, string> { [stream.Id] = stream.Title }, titles);
    }

    [Fact]
    public void The_bus_wins_for_a_job_it_heard_unless_the_table_saw_it_end_later()
    {
        var heardRunning = Update("Cut all clips", JobStatus.Running, Now.AddMinutes(-3));
        var endedUnheard = heardRunning with { Status = JobStatus.Failed, Error = "the node stopped", At = Now.AddMinutes(-1) };
        var heardDone = Update("Detect highlights", JobStatus.Succeeded, Now.AddMinutes(-2));
        var staleRecord = heardDone with { Status = JobStatus.Running, At = Now.AddMinutes(-4) };
        var onlyRecorded = Update("Import chat a.json", JobStatus.Succeeded, Now.AddDays(-1));
        var liveOnly = Update("Refine the highlights", JobStatus.Running, Now);

        var merged = JobHistory.Merge([heardRunning, heardDone, liveOnly], [endedUnheard, staleRecord, onlyRecorded], 10);

        Assert.Equal([liveOnly, endedUnheard, heardDone, onlyRecorded], merged);
        Assert.Equal([liveOnly, endedUnheard], JobHistory.Merge([heardRunning, heardDone, liveOnly], [endedUnheard, staleRecord, onlyRecorded], 2));
    }

    private static JobRecord Record(int accountId, int streamId, string title, JobStatus status, DateTime created, DateTime? finished, string? error = null) => new()
    {
        Id = Guid.NewGuid(),
        AccountId = accountId,
        StreamId = streamId,
        Kind = "test",
        Title = title,
        Status = status,
        Stage = status == JobStatus.Running ? "cutting" : "done",
        Error = error,
        CreatedAt = created,
        StartedAt = created.AddSeconds(5),
        FinishedAt = finished,
    };

    private static JobUpdate Update(string title, JobStatus status, DateTime at) =>
        new(Guid.NewGuid(), 1, 2, "test", title, status, "stage", 50, null, null, null, at);
}
