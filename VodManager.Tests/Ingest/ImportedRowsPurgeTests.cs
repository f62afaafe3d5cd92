using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

/// <summary>
/// Re-importing a stream's files deletes the rows they replace in many small batches, on each database, without EF
/// warning that a batch is an unordered row limit (it was logged at the first import of every process).
/// </summary>
public abstract class ImportedRowsPurgeTests : IAsyncLifetime
{
    private CoreHost _host = null!;
    private Account _account = null!;
    private LiveStream _stream = null!;
    private TempFolder _folder = null!;

    protected abstract DatabaseEngine Engine { get; }

    public async Task InitializeAsync()
    {
        // 545 real chat lines in batches of 50: the purge of a replaced chat takes eleven statements.
        var settings = await TestDatabase.SettingsAsync(Engine, new Dictionary<string, string?> { ["Ingest:BatchSize"] = "50" });
        _host = await CoreHost.StartAsync(settings, s => s.AddFakeLogging());
        (_account, _stream) = await _host.AddAccountWithStreamAsync();
        _folder = new TempFolder();
    }

    public async Task DisposeAsync()
    {
        _folder.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_reimport_deletes_every_replaced_row_in_batches_and_EF_warns_of_nothing()
    {
        var chat = Parsers.RealChat(Parsers.SmallRealLog);
        var events = _folder.File("events.jsonl");
        await File.WriteAllLinesAsync(events, Enumerable.Range(0, 120).Select(i => $"{{\"type\":\"cheer\",\"offset_seconds\":{100 + i * 10},\"bits\":100}}"));
        var transcript = _folder.File("transcript.vtt");
        await File.WriteAllTextAsync(transcript, "WEBVTT\n\n" + string.Concat(Enumerable.Range(0, 120).Select(i => $"{Cue(i * 10)} --> {Cue(i * 10 + 5)}\nline {i}\n\n")));

        foreach (var round in new[] { 1, 2 })
        {
            foreach (var (kind, path) in new[] { (IngestKind.Chat, chat), (IngestKind.Events, events), (IngestKind.Transcript, transcript) })
            {
                await _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, kind, path, null, CancellationToken.None);
            }
        }

        await using var db = await _host.DbAsync();
        Assert.Equal(545, await db.ChatMessages.IgnoreQueryFilters().CountAsync(m => m.StreamId == _stream.Id));
        Assert.Equal(545, await db.ChatMessages.CountAsync(m => m.StreamId == _stream.Id));
        Assert.Equal(120, await db.StreamEvents.IgnoreQueryFilters().CountAsync(e => e.StreamId == _stream.Id && e.Source == StreamEventSource.EventsFile));
        Assert.Equal(await db.StreamEvents.CountAsync(e => e.StreamId == _stream.Id), await db.StreamEvents.IgnoreQueryFilters().CountAsync(e => e.StreamId == _stream.Id));
        Assert.Equal(120, await db.TranscriptSegments.IgnoreQueryFilters().CountAsync(t => t.StreamId == _stream.Id));
        Assert.Empty(await db.DataImports.ToListAsync());

        var efWarnings = _host.Get<FakeLogCollector>().GetSnapshot()
            .Where(r => r.Level >= LogLevel.Warning && r.Category?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true)
            .Select(r => $"{r.Category}: {r.Message}");
        Assert.Empty(efWarnings);
    }

    private static string Cue(int seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\.fff");

    public sealed class OnSqlite : ImportedRowsPurgeTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : ImportedRowsPurgeTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }
}
