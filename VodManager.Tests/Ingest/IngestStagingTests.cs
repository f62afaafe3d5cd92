using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

/// <summary>
/// A big import stores in short batches under its own id and shows its rows in one final write: other writers are not
/// held up, readers never see half a file, and a cancelled or dead import leaves nothing behind.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class IngestStagingTests : IAsyncLifetime
{
    // Enough lines that storing them takes seconds: a single write transaction would hold other writers that long.
    private const int BigChatLines = 400_000;

    private CoreHost _host = null!;
    private Account _account = null!;
    private LiveStream _stream = null!;
    private TempFolder _folder = null!;

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["Ingest:ImportLease"] = "00:01:00" });
        (_account, _stream) = await _host.AddAccountWithStreamAsync();
        _folder = new TempFolder();
    }

    public async Task DisposeAsync()
    {
        _folder.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Another_write_answers_within_3_s_while_a_big_chat_import_stores_and_its_rows_stay_hidden_until_the_end()
    {
        var chat = await BigChatAsync();
        var storing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new CallbackProgress(p =>
        {
            if (p.Stage == "storing chat" && p.Percent > 60)
            {
                storing.TrySetResult();
            }
        });

        var import = Task.Run(() => _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, IngestKind.Chat, chat, progress, CancellationToken.None));
        await storing.Task.WaitAsync(TimeSpan.FromMinutes(5));

        await using var db = await _host.DbAsync();
        var write = Stopwatch.StartNew();
        await db.Streams.Where(s => s.Id == _stream.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, "renamed while importing"));
        write.Stop();
        var visibleMidway = await db.ChatMessages.CountAsync(m => m.StreamId == _stream.Id);
        var importRunning = !import.IsCompleted;

        var result = await import;
        Assert.True(importRunning, "the import had finished before the other write got through: it waited for the whole import");
        Assert.True(write.Elapsed < TimeSpan.FromSeconds(3), $"another write waited {write.Elapsed.TotalSeconds:0.0} s behind the import");
        Assert.Equal(0, visibleMidway);
        Assert.Equal(BigChatLines, result.Rows);
        Assert.Equal(BigChatLines, await db.ChatMessages.CountAsync(m => m.StreamId == _stream.Id));
        Assert.Equal("renamed while importing", (await db.Streams.AsNoTracking().SingleAsync(s => s.Id == _stream.Id)).Title);
        Assert.Empty(await db.DataImports.ToListAsync());
    }

    [Fact]
    public async Task A_reimport_replaces_every_row_and_a_cancel_while_storing_keeps_the_previous_import_and_leaves_nothing()
    {
        await ImportAsync(Parsers.RealChat(Parsers.SmallRealLog));
        await ImportAsync(Parsers.RealChat(Parsers.SmallRealLog));
        var chat = await BigChatAsync();
        using var cancel = new CancellationTokenSource();
        var progress = new CallbackProgress(p =>
        {
            if (p.Stage == "storing chat" && p.Percent > 60)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, IngestKind.Chat, chat, progress, cancel.Token));

        await using var db = await _host.DbAsync();
        Assert.Equal(545, await db.ChatMessages.CountAsync(m => m.StreamId == _stream.Id));
        Assert.Equal(545, await db.ChatMessages.IgnoreQueryFilters().CountAsync(m => m.StreamId == _stream.Id));
        Assert.Equal(await db.StreamEvents.CountAsync(), await db.StreamEvents.IgnoreQueryFilters().CountAsync());
        Assert.Empty(await db.DataImports.ToListAsync());
    }

    [Fact]
    public async Task Start_up_sweep_removes_a_dead_imports_rows_and_spares_a_running_one()
    {
        await ImportAsync(Parsers.RealChat(Parsers.SmallRealLog));
        await using var db = await _host.DbAsync();
        var dead = new DataImport { StreamId = _stream.Id, ExpiresAt = DateTime.UtcNow.AddMinutes(-1) };
        var running = new DataImport { StreamId = _stream.Id, ExpiresAt = DateTime.UtcNow.AddMinutes(10) };
        db.DataImports.AddRange(dead, running);
        await db.SaveChangesAsync();
        foreach (var import in new[] { dead, running })
        {
            db.ChatMessages.Add(new ChatMessage { StreamId = _stream.Id, ImportId = import.Id, AuthorName = "a", Text = "half of a file" });
            db.TranscriptSegments.Add(new TranscriptSegment { StreamId = _stream.Id, ImportId = import.Id, StartSeconds = 1, EndSeconds = 2, Text = "half" });
        }

        await db.SaveChangesAsync();

        var removed = await _host.Get<IngestRecoverySweep>().RunAsync(CancellationToken.None);

        Assert.Equal(2, removed);
        Assert.Equal(545, await db.ChatMessages.CountAsync(m => m.StreamId == _stream.Id));
        Assert.Equal([running.Id], await db.ChatMessages.IgnoreQueryFilters().Where(m => m.ImportId != 0 && m.Text == "half of a file").Select(m => m.ImportId).ToListAsync());
        Assert.Equal([running.Id], await db.DataImports.Select(i => i.Id).ToListAsync());
    }

    private Task<IngestResult> ImportAsync(string path) =>
        _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, IngestKind.Chat, path, null, CancellationToken.None);

    private async Task<string> BigChatAsync()
    {
        var path = _folder.File("big-chat.log");
        if (!File.Exists(path))
        {
            await using var writer = new StreamWriter(path);
            for (var line = 0; line < BigChatLines; line++)
            {
                var at = TimeSpan.FromSeconds(line * 0.02);
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{(int)at.TotalHours}:{at.Minutes:00}:{at.Seconds:00}.{at.Milliseconds:000}] viewer{line % 997}: that was insane clip it {line}"));
            }
        }

        return path;
    }

    /// <summary>Runs on the import's own thread, as each update is reported.</summary>
    private sealed class CallbackProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
