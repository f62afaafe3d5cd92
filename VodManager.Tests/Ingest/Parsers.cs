using Microsoft.Extensions.Options;
using VodManager.Core.Ingest;

namespace VodManager.Tests.Ingest;

/// <summary>The real parsers with test-sized limits, and helpers that run them over a file to the end.</summary>
internal static class Parsers
{
    /// <summary>
    /// Checks a live recording of the real small chat (each message's wall clock, no offset into a video) is placed by
    /// those times: from the stream's start each line lands where the VOD's own offsets put it; a new stream starts at
    /// its first message; lines before a later start are left out; a recording wholly before the start is refused,
    /// counting its <paramref name="noun"/>s ("comments", "messages").
    /// </summary>
    /// <returns>The VOD's own lines and the recording's from the stream's start, for a format's further checks.</returns>
    public static async Task<(List<ChatRecord> Vod, List<ChatRecord> FromStart)> AssertPlacedByTheirTimesAsync(string path, ChatReadMode mode, string noun)
    {
        var facts = Streams.RealChat.Of(Streams.RealChat.Small);
        var v5 = await ChatAsync(Streams.RealChat.Small, mode);

        var fromStart = await ChatAsync(path, mode, clockStart: facts.StartedAt);
        Assert.Equal(v5.Count, fromStart.Count);
        Assert.All(v5.Zip(fromStart), p => Assert.InRange(p.Second.OffsetSeconds - p.First.OffsetSeconds, -0.002, 0.002));

        // A new stream made from the recording starts at its first message.
        var fromFirst = await ChatAsync(path, mode);
        Assert.Equal(0, fromFirst[0].OffsetSeconds);
        Assert.Equal(fromStart.Select(r => r.OffsetSeconds - fromStart[0].OffsetSeconds), fromFirst.Select(r => r.OffsetSeconds), (a, b) => Math.Abs(a - b) < 1e-6);

        // A recording begun before the broadcast: what came before the stream's start is left out.
        var later = await ChatAsync(path, mode, clockStart: facts.StartedAt.AddMinutes(10));
        Assert.Equal(v5.Count(r => r.OffsetSeconds >= 600.002), later.Count);
        Assert.InRange(later[0].OffsetSeconds, 0, 600);

        // A recording wholly before the stream's start says so instead of importing nothing.
        var error = await Assert.ThrowsAsync<IngestException>(() => ChatAsync(path, mode, clockStart: facts.StartedAt.AddDays(1)));
        Assert.Contains($"all {v5.Count:N0} {noun} are from before the stream's start", error.Message);
        return (v5, fromStart);
    }

    public static IngestOptions Options(Action<IngestOptions>? change = null)
    {
        var options = new IngestOptions();
        change?.Invoke(options);
        return options;
    }

    public static async Task<List<ChatRecord>> ChatAsync(string path, ChatReadMode mode = ChatReadMode.Full, IngestOptions? options = null, DateTime? clockStart = null)
    {
        options ??= Options();
        await using var input = await IngestInput.OpenAsync(path, options, CancellationToken.None);
        var records = new List<ChatRecord>();
        await foreach (var batch in new ChatLogParser(Microsoft.Extensions.Options.Options.Create(options)).ReadAsync(input, mode, clockStart, CancellationToken.None))
        {
            records.AddRange(batch);
        }

        return records;
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> and has <paramref name="parse"/> read it: it must
    /// refuse the file with an error that names the file and says <paramref name="expected"/>.
    /// </summary>
    public static async Task AssertRefusedAsync(string path, string content, Func<string, Task> parse, string expected)
    {
        await File.WriteAllTextAsync(path, content);

        var error = await Assert.ThrowsAsync<IngestException>(() => parse(path));

        Assert.Contains($"'{Path.GetFileName(path)}'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    public static async Task<List<EventRecord>> EventsAsync(string path, double? end = null, IngestOptions? options = null, DateTime? clockStart = null)
    {
        options ??= Options();
        await using var input = await IngestInput.OpenAsync(path, options, CancellationToken.None);
        var records = new List<EventRecord>();
        await foreach (var record in new EventLogParser(Microsoft.Extensions.Options.Options.Create(options)).ReadAsync(input, end, clockStart, CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }

    public static async Task<List<TranscriptCue>> TranscriptAsync(string path, double? end = null, IngestOptions? options = null)
    {
        options ??= Options();
        await using var input = await IngestInput.OpenAsync(path, options, CancellationToken.None);
        var cues = new List<TranscriptCue>();
        await foreach (var cue in new TranscriptParser(Microsoft.Extensions.Options.Options.Create(options)).ReadAsync(input, end, CancellationToken.None))
        {
            cues.Add(cue);
        }

        return cues;
    }

    public static string RealChat(string name) => Path.Combine(RepoPaths.SharedData, "real", name);

    public const string BigRealLog = "liihs_vod955629991_v5.json";
    public const string SmallRealLog = "liihs_vod963184458_v5.json";
}
