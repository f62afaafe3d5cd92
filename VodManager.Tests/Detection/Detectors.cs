using Microsoft.Extensions.Options;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Media;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Detection;

/// <summary>The real analyzer over files, with default (or adjusted) options, and truth scoring for synthetic streams.</summary>
internal static class Detectors
{
    public static FileAnalyzer Analyzer(DetectionOptions? detection = null, IngestOptions? ingest = null)
    {
        var ingestOptions = Options.Create(ingest ?? new IngestOptions());
        var detectionOptions = Options.Create(detection ?? new DetectionOptions());
        return new FileAnalyzer(
            new ChatLogParser(ingestOptions),
            new EventLogParser(ingestOptions),
            new TranscriptParser(ingestOptions),
            TestMedia.Probe(),
            new LoudnessAnalyzer(TestMedia.Runner()),
            new HighlightScorer(detectionOptions),
            ingestOptions,
            detectionOptions);
    }

    /// <summary>Detection over a synthetic stream's files, with its known loudness standing in for measured audio.</summary>
    public static async Task<DetectionOutcome> DetectAsync(SyntheticStream stream, DetectionOptions? options = null)
    {
        var input = await Analyzer(options).LoadAsync(new AnalyzeFiles(stream.Chat, stream.Events, stream.Transcript, null), null, CancellationToken.None);
        return new HighlightScorer(Options.Create(options ?? new DetectionOptions())).Score(input with { Loudness = stream.Loudness });
    }
}
