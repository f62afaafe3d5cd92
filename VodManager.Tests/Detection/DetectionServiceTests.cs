using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Editing;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Ingest;
using VodManager.Core;

namespace VodManager.Tests.Detection;

/// <summary>Detection over stored streams in real SQLite: real chat logs, re-detection rules, the per-stream lock, the automatic run.</summary>
public sealed class DetectionServiceTests : IAsyncLifetime
{
    private CoreHost _host = null!;
    private Account _account = null!;
    private LiveStream _stream = null!;

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync(configure: s => s.AddJobHandlers());
        (_account, _stream) = await _host.AddAccountWithStreamAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task ImportAsync(IngestKind kind, string path) =>
        _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, kind, path, null, CancellationToken.None);

    private Task<DetectionResult> DetectAsync() => _host.Get<DetectionService>().DetectAsync(_account.Id, _stream.Id, null, CancellationToken.None);

    private async Task<List<Highlight>> HighlightsAsync()
    {
        await using var db = await _host.DbAsync();
        return await db.Highlights.AsNoTracking().Where(h => h.StreamId == _stream.Id).OrderBy(h => h.Rank).ToListAsync();
    }

    [Theory]
    [InlineData(Parsers.BigRealLog)]
    [InlineData(Parsers.SmallRealLog)]
    public async Task Real_chat_logs_give_plausible_non_overlapping_explained_highlights(string log)
    {
        await ImportAsync(IngestKind.Chat, Parsers.RealChat(log));

        var result = await DetectAsync();

        var highlights = await HighlightsAsync();
        var options = new DetectionOptions();
        Assert.Equal(result.Detected, highlights.Count);
        Assert.InRange(highlights.Count, 2, options.TopN);
        Assert.Equal(Enumerable.Range(1, highlights.Count), highlights.Select(h => h.Rank));
        Assert.Equal(highlights.Select(h => h.Score).OrderDescending(), highlights.Select(h => h.Score));
        var stream = highlights.OrderBy(h => h.DetectedStart).ToList();
        for (var i = 1; i < stream.Count; i++)
        {
            Assert.True(stream[i - 1].DetectedEnd <= stream[i].DetectedStart, $"highlights {stream[i - 1].Id} and {stream[i].Id} overlap");
        }

        Assert.All(highlights, h =>
        {
            Assert.InRange(h.DetectedEnd - h.DetectedStart, options.MinLengthSeconds - 0.01, options.MaxLengthSeconds + 0.01);
            Assert.True(h.Score >= options.MinScore);
            Assert.False(string.IsNullOrWhiteSpace(h.Explanation));
            Assert.InRange(h.Signals.Chat + h.Signals.Events, 0.01, 2);
        });
    }

    [Fact]
    public async Task A_stored_real_chat_is_detected_as_the_file_it_came_from()
    {
        // Stored rows keep names and text, the file's reader keeps keys and shapes: both must leave out the same
        // commands and bots (LiiHS has both) and read the same notices as events.
        var log = Parsers.RealChat(Parsers.BigRealLog);
        await ImportAsync(IngestKind.Chat, log);

        await DetectAsync();

        var fromFile = await Detectors.Analyzer().AnalyzeAsync(new AnalyzeFiles(log, null, null, null), new DetectionOptions().TopN, null, CancellationToken.None);
        Assert.Equal(fromFile.Highlights.Select(h => (h.Start, h.End)), (await HighlightsAsync()).Select(h => (h.DetectedStart, h.DetectedEnd)));
    }

    [Fact]
    public async Task Weak_highlights_are_stored_as_weak_with_their_confidence_and_reach_the_editors_rows()
    {
        // A hundred asked of 7.6 sparse hours: more than the chat is sure of, so the list is filled with weak ones.
        await using var host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["Detection:TopN"] = "100" }, s => s.AddJobHandlers());
        var (account, stream) = await host.AddAccountWithStreamAsync();
        await host.Get<IngestService>().ImportAsync(account.Id, stream.Id, IngestKind.Chat, Parsers.RealChat(Parsers.BigRealLog), null, CancellationToken.None);

        await host.Get<DetectionService>().DetectAsync(account.Id, stream.Id, null, CancellationToken.None);

        var rows = await host.Get<HighlightQueries>().ListAsync(account.Id, stream.Id, CancellationToken.None);
        Assert.Equal(100, rows.Count);
        var weak = rows.Where(r => r.IsWeak).ToList();
        Assert.NotEmpty(weak);
        Assert.Contains(rows, r => !r.IsWeak);
        Assert.All(rows, r => Assert.Equal(r.Explanation!.StartsWith("weak: ", StringComparison.Ordinal), r.IsWeak));
        Assert.All(rows, r => Assert.InRange(r.DetectionConfidence!.Value, 0, 1));
        Assert.True(rows.Where(r => !r.IsWeak).Min(r => r.DetectionConfidence) >= weak.Max(r => r.DetectionConfidence), "a weak highlight is surer than a confident one");

        // Ranked as the scorer ranks (and as the quality benchmark scores): every confident one before the weak ones.
        var ranked = rows.OrderBy(r => r.Rank).ToList();
        Assert.Equal(Enumerable.Range(1, 100), ranked.Select(r => r.Rank));
        Assert.Equal(rows.Count - weak.Count, ranked.TakeWhile(r => !r.IsWeak).Count());
    }

    [Fact]
    public async Task Real_raids_announced_in_chat_are_among_the_highlights()
    {
        await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.SmallRealLog));
        await DetectAsync();

        var highlights = await HighlightsAsync();
        var raids = await (await _host.DbAsync()).StreamEvents.Where(e => e.StreamId == _stream.Id && e.Type == StreamEventType.Raid).ToListAsync();

        Assert.Equal(2, raids.Count);
        Assert.All(raids, raid => Assert.Contains(highlights, h => h.DetectedStart <= raid.OffsetSeconds && raid.OffsetSeconds <= h.DetectedEnd && h.Explanation!.Contains("raid")));
    }

    [Fact]
    public async Task Redetection_keeps_clipped_trimmed_dismissed_and_marked_highlights_and_replaces_the_rest()
    {
        using var folder = new TempFolder();
        var synthetic = await SyntheticStreamGenerator.WriteAsync(new SyntheticStreamSpec(3600, 5), folder.Path, CancellationToken.None);
        await ImportAsync(IngestKind.Chat, synthetic.Chat);
        await ImportAsync(IngestKind.Events, synthetic.Events);
        await ImportAsync(IngestKind.Transcript, synthetic.Transcript);
        await DetectAsync();
        var first = await HighlightsAsync();
        Assert.True(first.Count >= 5, $"{first.Count} highlights");
        await using (var db = await _host.DbAsync())
        {
            var trimmed = await db.Highlights.SingleAsync(h => h.Id == first[0].Id);
            (trimmed.TrimStart, trimmed.TrimEnd, trimmed.TrimmedBy) = (trimmed.DetectedStart + 2, trimmed.DetectedEnd - 2, "editor");
            var cutting = await db.Highlights.SingleAsync(h => h.Id == first[1].Id);
            cutting.ClipStatus = ClipStatus.Cutting;
            var dismissed = await db.Highlights.SingleAsync(h => h.Id == first[2].Id);
            dismissed.Dismissed = true;
            await db.SaveChangesAsync();
        }

        // A moment the editor marked in the first gap detection left (it has no score, so it comes after the rest).
        var gap = first.Select(h => h.DetectedEnd).Prepend(0).Order().First(end => !first.Any(h => h.DetectedStart < end + 25 && end < h.DetectedEnd));
        var marked = await _host.Get<HighlightEditor>().AddAsync(_account.Id, _stream.Id, gap + 2, gap + 22, "editor", CancellationToken.None);

        // Other chat: the moments detection finds now are not the earlier ones.
        await ImportAsync(IngestKind.Chat, (await SyntheticStreamGenerator.WriteAsync(new SyntheticStreamSpec(3600, 99), Directory.CreateDirectory(folder.File("other")).FullName, CancellationToken.None)).Chat);
        var result = await DetectAsync();

        var second = await HighlightsAsync();
        Assert.Equal(4, result.Kept);
        Assert.Equal(first.Count - 3, result.Replaced + result.FoundAgain);
        Assert.True(result.Replaced > 0, $"{result.Replaced} replaced, {result.FoundAgain} found again");
        Assert.Contains(second, h => h.Id == first[0].Id && h.TrimStart == first[0].DetectedStart + 2);
        Assert.Contains(second, h => h.Id == first[1].Id && h.ClipStatus == ClipStatus.Cutting);
        Assert.Contains(second, h => h.Id == first[2].Id && h.Dismissed);
        Assert.Equal((marked.HighlightId, marked.Start, marked.End, "editor"), (second[^1].Id, second[^1].DetectedStart, second[^1].DetectedEnd, second[^1].AddedBy));
        Assert.Equal(result.FoundAgain, second.Count(h => first.Skip(3).Any(f => f.Id == h.Id)));
        Assert.Equal(Enumerable.Range(1, second.Count), second.Select(h => h.Rank));
        var bounds = second.Select(h => h.EffectiveBounds).OrderBy(b => b.Start).ToList();
        for (var i = 1; i < bounds.Count; i++)
        {
            Assert.True(bounds[i - 1].End <= bounds[i].Start);
        }
    }

    [Fact]
    public async Task Concurrent_detections_of_one_stream_run_one_after_the_other()
    {
        await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.BigRealLog));
        var single = await DetectAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(DetectAsync)));

        // Each run after the first finds the same moments again: nothing is added or removed.
        Assert.All(runs, r => Assert.Equal((0, single.Detected, 0), (r.Detected, r.FoundAgain, r.Replaced)));
        Assert.Equal(single.Detected, (await HighlightsAsync()).Count);
    }

    [Fact]
    public async Task A_moment_found_again_keeps_its_row_refinement_and_history_while_its_detection_is_renewed()
    {
        // A backend that judges a chat-only stream (the heuristic waits for the video): the run after detection refines.
        await using (var db = await _host.DbAsync())
        {
            (await db.Accounts.SingleAsync(a => a.Id == _account.Id)).RefinementBackend = Core.Refinement.MockBackend.BackendName;
            await db.SaveChangesAsync();
        }

        await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.BigRealLog));
        await DetectAsync();
        var first = await HighlightsAsync();
        var refined = first[1];
        await using (var db = await _host.DbAsync())
        {
            var row = await db.Highlights.SingleAsync(h => h.Id == refined.Id);
            (row.RefinedStart, row.RefinedEnd, row.IsClipable, row.Confidence) = (row.DetectedStart + 3, row.DetectedEnd - 3, false, 0.9);
            (row.RefinementStatus, row.RefinementReason) = (Core.Refinement.RefinementStatus.Refined, "a loading screen");
            // What detection says of it, changed as if its signals had been read differently before.
            (row.Score, row.Explanation) = (0.01, "stale");
            db.RefinementAttempts.Add(new RefinementAttempt { HighlightId = row.Id, Run = 2, Iteration = 1, Backend = "gemini-flash", Reason = "a loading screen", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        // The automatic refinement after each detection runs inline here: it refined the top highlights after the first.
        var attempts = await AttemptsAsync(refined.Id);
        Assert.True(attempts >= 2, $"{attempts} attempts");

        var result = await DetectAsync();

        Assert.Equal((0, first.Count, 0), (result.Detected, result.FoundAgain, result.Replaced));
        var second = await HighlightsAsync();
        Assert.Equal(first.Select(h => h.Id).Order(), second.Select(h => h.Id).Order());
        var again = second.Single(h => h.Id == refined.Id);
        Assert.Equal((refined.DetectedStart + 3, refined.DetectedEnd - 3, false, Core.Refinement.RefinementStatus.Refined), (again.RefinedStart, again.RefinedEnd, again.IsClipable, again.RefinementStatus));
        Assert.Equal((refined.Score, refined.Explanation), (again.Score, again.Explanation));
        Assert.Equal(first.Select(h => (h.Id, h.Rank)), second.Select(h => (h.Id, h.Rank)));
        Assert.Equal(attempts, await AttemptsAsync(refined.Id));
    }

    private async Task<int> AttemptsAsync(int highlightId)
    {
        await using var db = await _host.DbAsync();
        return await db.RefinementAttempts.CountAsync(a => a.HighlightId == highlightId);
    }

    [Fact]
    public async Task Importing_chat_and_events_starts_detection_by_itself()
    {
        using var folder = new TempFolder();
        var events = folder.File("events.jsonl");
        await File.WriteAllTextAsync(events, "{\"type\":\"channel.raid\",\"offset_seconds\":4000,\"event\":{\"viewers\":300}}\n");
        var queue = _host.Get<IJobQueue>();

        await queue.EnqueueAsync(new ImportFileRequest { AccountId = _account.Id, StreamId = _stream.Id, DataKind = IngestKind.Chat, Path = Parsers.RealChat(Parsers.SmallRealLog) }, CancellationToken.None);
        Assert.Empty(await HighlightsAsync());
        await queue.EnqueueAsync(new ImportFileRequest { AccountId = _account.Id, StreamId = _stream.Id, DataKind = IngestKind.Events, Path = events }, CancellationToken.None);

        var highlights = await HighlightsAsync();
        Assert.Contains(highlights, h => h.DetectedStart <= 4000 && 4000 <= h.DetectedEnd && h.Signals.Events == 1);
        await using var db = await _host.DbAsync();
        Assert.NotNull((await db.Streams.SingleAsync(s => s.Id == _stream.Id)).DetectedAt);
        Assert.Contains(await db.Jobs.Select(j => j.Kind).ToListAsync(), k => k == DetectHighlightsRequest.JobKind);
    }

    [Fact]
    public async Task The_last_file_an_editor_gives_starts_detection_once_the_stream_has_chat()
    {
        using var folder = new TempFolder();
        var events = folder.File("events.jsonl");
        await File.WriteAllTextAsync(events, "{\"type\":\"channel.raid\",\"offset_seconds\":4000,\"event\":{\"viewers\":300}}\n");
        var imports = _host.Get<ImportJobs>();

        // Events alone are no stream to detect yet.
        await imports.ImportFileAsync(_account.Id, _stream.Id, IngestKind.Events, events, deleteWhenDone: false, lastOfBatch: true, "test", CancellationToken.None);
        Assert.Empty(await HighlightsAsync());
        Assert.Equal(0, await DetectionJobsAsync(_stream.Id));

        // The chat is: most streams come without an events file, and an upload on the stream page is all an editor gives.
        var (account, chatOnly) = await _host.AddAccountWithStreamAsync(name: "Chat only");
        await imports.ImportFileAsync(account.Id, chatOnly.Id, IngestKind.Chat, Parsers.RealChat(Parsers.SmallRealLog), deleteWhenDone: false, lastOfBatch: true, "test", CancellationToken.None);
        Assert.Equal(1, await DetectionJobsAsync(chatOnly.Id));
        await using var db = await _host.DbAsync();
        var stream = await db.Streams.SingleAsync(s => s.Id == chatOnly.Id);
        Assert.NotNull(stream.DetectedAt);
        Assert.Null(stream.EventsImportedAt);
        Assert.True(await db.Highlights.CountAsync(h => h.StreamId == chatOnly.Id) >= 2);
    }

    [Fact]
    public async Task The_first_video_stored_after_the_chat_detects_again_within_it_and_a_later_one_does_not()
    {
        await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.SmallRealLog));
        await DetectAsync();
        Assert.Contains(await HighlightsAsync(), h => h.DetectedStart > 90);
        var videos = _host.Get<VideoImportService>();

        // The chat was in before the video (a small file against a large upload): detection runs again with the video.
        await videos.ImportLocalFileAsync(_account.Id, _stream.Id, await TestMedia.GetAsync(new TestPatternSpec(90, LoudMoments: [new LoudMoment(50, 3)])), null, CancellationToken.None);

        var highlights = await HighlightsAsync();
        Assert.NotEmpty(highlights);
        Assert.All(highlights, h => Assert.True(h.DetectedEnd <= 91, $"highlight at {h.DetectedStart}-{h.DetectedEnd} s lies past the 90 s video"));
        Assert.Contains(highlights, h => h.DetectedStart <= 50 && 50 <= h.DetectedEnd && h.Signals.Audio > 0.9);
        Assert.Equal(1, await DetectionJobsAsync(_stream.Id));

        // A second source (a re-import) leaves the highlights to the editor, who may have worked on them.
        await videos.ImportLocalFileAsync(_account.Id, _stream.Id, await TestMedia.GetAsync(new TestPatternSpec(60)), null, CancellationToken.None);
        Assert.Equal(1, await DetectionJobsAsync(_stream.Id));

        // Nor does a video start detection on a stream with nothing else yet.
        var (account, empty) = await _host.AddAccountWithStreamAsync(name: "Video only");
        await videos.ImportLocalFileAsync(account.Id, empty.Id, await TestMedia.GetAsync(new TestPatternSpec(60)), null, CancellationToken.None);
        Assert.Equal(0, await DetectionJobsAsync(empty.Id));
    }

    [Fact]
    public async Task A_detection_waits_for_the_streams_running_transcript_import_and_sees_its_keywords()
    {
        await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.SmallRealLog));
        using var folder = new TempFolder();
        var transcript = folder.File("talk.vtt");
        await File.WriteAllTextAsync(transcript,
            "WEBVTT\n\n00:50:00.000 --> 00:50:02.000\noh my god\n\n00:50:02.500 --> 00:50:04.000\nno way, clip it\n\n00:50:04.500 --> 00:50:06.000\nlet's go, insane\n");

        // The transcript's import is running (a new stream's files import side by side) when the chat's detection starts.
        var tracker = _host.Get<JobTracker>();
        var import = new ImportFileRequest { AccountId = _account.Id, StreamId = _stream.Id, DataKind = IngestKind.Transcript, Path = transcript };
        var run = await tracker.StartAsync(await tracker.RecordQueuedAsync(import, CancellationToken.None), import, CancellationToken.None);
        var detection = Task.Run(() => _host.Get<IJobQueue>().EnqueueAsync(
            new DetectHighlightsRequest { AccountId = _account.Id, StreamId = _stream.Id }, CancellationToken.None));

        JobRecord? waiting = null;
        await Wait.UntilAsync(async () =>
        {
            await using var db = await _host.DbAsync();
            waiting = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.StreamId == _stream.Id && j.Kind == DetectHighlightsRequest.JobKind && j.Stage == "waiting");
            return waiting is not null;
        }, "the detection never said it waits for the transcript's import", TimeSpan.FromSeconds(30));
        Assert.Contains("talk.vtt", waiting!.Message);
        Assert.False(detection.IsCompleted);
        Assert.Empty(await HighlightsAsync());

        await ImportAsync(IngestKind.Transcript, transcript);
        await run.SucceedAsync();
        await detection.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains(await HighlightsAsync(), h => h.DetectedStart <= 3002 && 3002 <= h.DetectedEnd && h.Signals.Transcript > 0);
    }

    private async Task<int> DetectionJobsAsync(int streamId)
    {
        await using var db = await _host.DbAsync();
        return await db.Jobs.CountAsync(j => j.StreamId == streamId && j.Kind == DetectHighlightsRequest.JobKind);
    }

    [Fact]
    public async Task An_uploaded_file_is_removed_after_its_import_even_when_refused()
    {
        using var folder = new TempFolder();
        var upload = folder.File("upload-123.tmp");
        await File.WriteAllTextAsync(upload, "not a chat log at all");

        await Assert.ThrowsAsync<JobFailedException>(() => _host.Get<IJobQueue>().EnqueueAsync(
            new ImportFileRequest { AccountId = _account.Id, StreamId = _stream.Id, DataKind = IngestKind.Chat, Path = upload, DeleteWhenDone = true }, CancellationToken.None));

        Assert.False(File.Exists(upload));
    }

    [Fact]
    public async Task A_loud_moment_in_the_source_audio_is_found_without_any_chat()
    {
        var video = await TestMedia.GetAsync(new TestPatternSpec(90, LoudMoments: [new LoudMoment(50, 3)]));
        await _host.Get<VideoImportService>().ImportLocalFileAsync(_account.Id, _stream.Id, video, null, CancellationToken.None);

        await DetectAsync();

        var highlight = Assert.Single(await HighlightsAsync());
        Assert.InRange(highlight.DetectedStart, 44, 50);
        Assert.True(highlight.Signals.Audio > 0.9);
        Assert.Contains("LU louder", highlight.Explanation);
        var curves = await _host.Get<SignalCurveService>().GetAsync(_account.Id, _stream.Id, CancellationToken.None);
        Assert.True(curves!.Audio[51] > 0.9 && curves.Audio[20] == 0);
    }

    [Fact]
    public async Task Signal_curves_cover_the_stream_second_by_second()
    {
        await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.BigRealLog));

        var curves = await _host.Get<SignalCurveService>().GetAsync(_account.Id, _stream.Id, CancellationToken.None);

        Assert.NotNull(curves);
        Assert.Equal(27523, curves.Seconds);
        Assert.Equal(2409, curves.ChatMessages.Sum());
        Assert.All(new[] { curves.Chat, curves.Events, curves.Transcript, curves.Audio }, c => Assert.Equal(curves.Seconds, c.Length));
        Assert.Contains(curves.Chat, v => v > 0);
        Assert.Null(await _host.Get<SignalCurveService>().GetAsync(_account.Id + 1000, _stream.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Signal_curves_are_kept_in_the_database_so_a_restarted_node_reads_no_chat_until_an_import_changes_them()
    {
        await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.BigRealLog));
        var built = await _host.Get<SignalCurveService>().GetAsync(_account.Id, _stream.Id, CancellationToken.None);
        await using (var db = await _host.DbAsync())
        {
            // Gone from under the curves without a new import: only curves read back from the database still count them.
            await db.ChatMessages.IgnoreQueryFilters().Where(m => m.StreamId == _stream.Id).ExecuteDeleteAsync();
        }

        var restarted = ActivatorUtilities.CreateInstance<SignalCurveService>(_host.Services);
        var stored = await restarted.GetAsync(_account.Id, _stream.Id, CancellationToken.None);

        Assert.Equal(2409, stored!.ChatMessages.Sum());
        Assert.Equal(built!.Seconds, stored.Seconds);
        Assert.Equal(built.Chat, stored.Chat);
        using var folder = new TempFolder();
        var events = folder.File("events.jsonl");
        await File.WriteAllTextAsync(events, "{\"type\":\"channel.raid\",\"offset_seconds\":4000,\"event\":{\"viewers\":300}}\n");
        await ImportAsync(IngestKind.Events, events);
        Assert.Equal(0, (await ActivatorUtilities.CreateInstance<SignalCurveService>(_host.Services).GetAsync(_account.Id, _stream.Id, CancellationToken.None))!.ChatMessages.Sum());

        await _host.Get<StreamManager>().DeleteAsync(_account.Id, _stream.Id, CancellationToken.None);
        await using var after = await _host.DbAsync();
        Assert.False(await after.StreamSignalCaches.AnyAsync(), "a deleted stream's curves stayed");
    }

    [Fact]
    public async Task Curves_of_more_streams_than_memory_holds_are_each_read_back_as_built()
    {
        // 27,523 s of LiiHS's curves take 660 KB: no two of them fit in 1 MiB, so opening one pushes another out.
        await using var host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["Editor:CurveCacheBytes"] = "1048576" });
        var curves = host.Get<SignalCurveService>();
        var opened = new List<(int Account, int Stream, SignalCurves Curves)>();
        foreach (var (log, i) in new[] { Parsers.BigRealLog, Parsers.SmallRealLog, Parsers.BigRealLog }.Select((log, i) => (log, i)))
        {
            var (account, stream) = await host.AddAccountWithStreamAsync(name: $"Channel {i}");
            await host.Get<IngestService>().ImportAsync(account.Id, stream.Id, IngestKind.Chat, Parsers.RealChat(log), null, CancellationToken.None);
            opened.Add((account.Id, stream.Id, (await curves.GetAsync(account.Id, stream.Id, CancellationToken.None))!));
        }

        foreach (var (account, stream, first) in Enumerable.Reverse(opened))
        {
            var again = await curves.GetAsync(account, stream, CancellationToken.None);
            Assert.Equal(first.Seconds, again!.Seconds);
            Assert.Equal(first.ChatMessages, again.ChatMessages);
            Assert.Equal(first.Chat, again.Chat);
        }
    }

    [Fact]
    public async Task Detection_keeps_the_curves_it_built_so_the_editors_first_open_reads_no_chat()
    {
        await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.SmallRealLog));

        await DetectAsync();

        var input = await _host.Get<StreamSignalLoader>().LoadAsync(_account.Id, _stream.Id, measureAudio: false, null, CancellationToken.None);
        var fresh = _host.Get<HighlightScorer>().Curves(input!);
        await using (var db = await _host.DbAsync())
        {
            await db.ChatMessages.IgnoreQueryFilters().Where(m => m.StreamId == _stream.Id).ExecuteDeleteAsync();
        }

        var opened = await ActivatorUtilities.CreateInstance<SignalCurveService>(_host.Services).GetAsync(_account.Id, _stream.Id, CancellationToken.None);
        Assert.Equal(fresh.ChatMessages, opened!.ChatMessages);
        Assert.Equal(fresh.Chat, opened.Chat);
        Assert.Contains(opened.Chat, v => v > 0);
    }

    [Fact]
    public async Task Detection_of_an_empty_stream_says_what_is_missing()
    {
        var error = await Assert.ThrowsAsync<DetectionException>(DetectAsync);

        Assert.Contains("nothing to detect from", error.Message);
    }
}
