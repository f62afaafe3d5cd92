using System.Diagnostics;

namespace VodManager.Core.Diagnostics;

/// <summary>
/// The product's trace spans: one <see cref="ActivitySource"/> and every span name, so a tracer or a benchmark
/// subscribes in one place. Without a listener <see cref="Start"/> returns null and costs next to nothing.
/// </summary>
public static class VodActivities
{
    public const string SourceName = "VodManager";

    /// <summary>One ffmpeg run (tag: the output file's name).</summary>
    public const string Ffmpeg = "ffmpeg";

    /// <summary>One job run (tags: kind, id, recovering, outcome).</summary>
    public const string Job = "job";

    /// <summary>One ffprobe run.</summary>
    public const string Ffprobe = "ffprobe";

    /// <summary>One piece fetched from storage by the range proxy (tag: bytes).</summary>
    public const string StorageFetch = "storage.fetch";

    /// <summary>A stored object written (tag: bytes).</summary>
    public const string StoragePut = "storage.put";

    /// <summary>Quota reserved for a write (one transaction; more when old clips are evicted to make room).</summary>
    public const string QuotaReserve = "quota.reserve";

    /// <summary>A reservation committed at the stored object's real size (a clip: linked to its highlight in the same transaction).</summary>
    public const string QuotaCommit = "quota.commit";

    /// <summary>The cutter: a batch's highlights and their streams' stored sources read.</summary>
    public const string CutLoad = "cut.load";

    /// <summary>The cutter: one highlight claimed (one conditional UPDATE).</summary>
    public const string CutClaim = "cut.claim";

    /// <summary>The cutter: the stored source opened for a cut (once per batch: pin, existence, proxy session, probe, index).</summary>
    public const string CutSource = "cut.source";

    /// <summary>The cutter: the archived-VOD event handed to its handlers.</summary>
    public const string CutEvent = "cut.event";

    /// <summary>The smart cut's self-check of a joined clip.</summary>
    public const string SmartCutCheck = "cut.smart.check";

    /// <summary>Detection from files: the chat read and reduced to per-second sums.</summary>
    public const string DetectChat = "detect.chat";

    /// <summary>Detection from files: one batch of chat lines parsed (inside <see cref="DetectChat"/>).</summary>
    public const string DetectChatParse = "detect.chat.parse";

    /// <summary>Detection from files: one batch of chat lines added to the per-second sums (overlaps the parsing of the next).</summary>
    public const string DetectChatAdd = "detect.chat.add";

    /// <summary>Detection from files: the events read.</summary>
    public const string DetectEvents = "detect.events";

    /// <summary>Detection from files: the transcript read.</summary>
    public const string DetectTranscript = "detect.transcript";

    /// <summary>Detection: signals scored into ranked highlights.</summary>
    public const string DetectScore = "detect.score";

    /// <summary>An import's first pass: the whole file parsed and checked, nothing stored.</summary>
    public const string IngestCheck = "ingest.check";

    /// <summary>An import: one short write transaction of rows stored hidden under the import's id (tag: rows).</summary>
    public const string IngestStore = "ingest.store";

    /// <summary>An import or a purge: the writer left free for others after a turn of writing.</summary>
    public const string IngestYield = "ingest.yield";

    /// <summary>An import: the one write that shows its rows (and hides what they replace).</summary>
    public const string IngestShow = "ingest.show";

    /// <summary>An import: the rows it replaced (or, failed, its own) deleted in batches.</summary>
    public const string IngestPurge = "ingest.purge";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? Start(string name) => Source.StartActivity(name);
}
