using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Diagnostics;

namespace VodManager.Core.Detection;

/// <summary>
/// Detection straight from files, storing nothing (the `analyze` verb, the benchmark): chat is streamed through the
/// parser in <see cref="ChatReadMode.Signals"/> mode into per-second activity, so memory does not grow with the log.
/// Without an events file, the chat's system notices stand in for events, as on import.
/// </summary>
public sealed class FileAnalyzer(
    ChatLogParser chatParser,
    EventLogParser eventParser,
    TranscriptParser transcriptParser,
    MediaProbe probe,
    LoudnessAnalyzer loudness,
    HighlightScorer scorer,
    IOptions<IngestOptions> ingestOptions,
    IOptions<DetectionOptions> detectionOptions)
{
    /// <param name="topN">How many highlights at most; null for the configured TopN.</param>
    public async Task<DetectionOutcome> AnalyzeAsync(AnalyzeFiles files, int? topN, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var input = await LoadAsync(files, progress, cancellationToken);
        progress?.Report(new JobProgress("scoring", 95));
        using var activity = VodActivities.Start(VodActivities.DetectScore);
        return scorer.Score(input, topN);
    }

    public async Task<DetectionInput> LoadAsync(AnalyzeFiles files, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        double? duration = null;
        float[]? levels = null;
        if (files.Media is { } media)
        {
            progress?.Report(new JobProgress("measuring loudness", 0, Path.GetFileName(media)));
            var info = await probe.ProbeAsync(media, cancellationToken);
            duration = info.DurationSeconds;
            if (info.HasAudio)
            {
                var percent = ProgressScale.Stage(progress, "measuring loudness", 0, 50);
                levels = await loudness.MeasureAsync(media, info.DurationSeconds, percent, cancellationToken);
            }
            else if (files is { Chat: null, Events: null, Transcript: null })
            {
                // A video without sound still bounds the stream, as a stored one does; alone it is nothing to detect from.
                throw new DetectionException($"'{Path.GetFileName(media)}' has no audio track, so there is no loudness to detect from: give its chat, events or transcript too.");
            }
        }

        ChatActivity? chat = null;
        var notices = new ChatNoticeCollector();
        if (files.Chat is { } chatFile)
        {
            progress?.Report(new JobProgress("reading chat", 50, Path.GetFileName(chatFile)));
            chat = new ChatActivity(detectionOptions.Value.Chat);
            using var activity = VodActivities.Start(VodActivities.DetectChat);
            await using var input = await IngestInput.OpenAsync(chatFile, ingestOptions.Value, cancellationToken);

            // Parsing and adding up overlap: the parser reads the next batch while the last one is added up (the
            // per-author cooldown table of a long chat misses the cache on most lines, a fifth of reading chat).
            var batches = Channel.CreateBounded<List<ChatRecord>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            var adding = Task.Run(() => AddUpAsync(batches.Reader, chat, notices, cancellationToken), cancellationToken);
            try
            {
                await using var parsed = chatParser.ReadAsync(input, ChatReadMode.Signals, clockStart: null, cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (await ParseNextAsync(parsed))
                {
                    await batches.Writer.WriteAsync(parsed.Current, cancellationToken);
                }
            }
            finally
            {
                batches.Writer.TryComplete();
                await adding;
            }
        }

        IReadOnlyList<EventRecord> events = notices.Events;
        if (files.Events is { } eventsFile)
        {
            progress?.Report(new JobProgress("reading events", 85, Path.GetFileName(eventsFile)));
            using var activity = VodActivities.Start(VodActivities.DetectEvents);
            await using var input = await IngestInput.OpenAsync(eventsFile, ingestOptions.Value, cancellationToken);
            events = await eventParser.ReadAsync(input, ingestOptions.Value.EndOf(duration), clockStart: null, cancellationToken).ToListAsync(cancellationToken);
        }

        var cues = new List<TranscriptCue>();
        if (files.Transcript is { } transcriptFile)
        {
            progress?.Report(new JobProgress("reading transcript", 90, Path.GetFileName(transcriptFile)));
            using var activity = VodActivities.Start(VodActivities.DetectTranscript);
            await using var input = await IngestInput.OpenAsync(transcriptFile, ingestOptions.Value, cancellationToken);
            cues = await transcriptParser.ReadAsync(input, ingestOptions.Value.EndOf(duration), cancellationToken).ToListAsync(cancellationToken);
        }

        return new DetectionInput(chat, events, cues, levels, duration);
    }

    private static async Task AddUpAsync(ChannelReader<List<ChatRecord>> batches, ChatActivity chat, ChatNoticeCollector notices, CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.ReadAllAsync(cancellationToken))
        {
            using var activity = VodActivities.Start(VodActivities.DetectChatAdd);
            foreach (ref readonly var line in CollectionsMarshal.AsSpan(batch))
            {
                chat.Add(line.OffsetSeconds, line.AuthorKey, line.Emotes, line.Shape, line.FromBot);
                if (line.Notice is { } notice)
                {
                    notices.Add(line.OffsetSeconds, notice);
                }
            }
        }
    }

    /// <summary>The next batch of parsed chat, timed apart from the wait for the adding side to take the last one.</summary>
    private static async ValueTask<bool> ParseNextAsync(IAsyncEnumerator<List<ChatRecord>> parsed)
    {
        using var activity = VodActivities.Start(VodActivities.DetectChatParse);
        return await parsed.MoveNextAsync();
    }
}
