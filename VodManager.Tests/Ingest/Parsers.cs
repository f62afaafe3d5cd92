using Microsoft.Extensions.Options;
using VodManager.Core.Ingest;

namespace VodManager.Tests.Ingest;

/// <summary>The real parsers with test-sized limits, and helpers that run them over a file to the end.</summary>
internal static class Parsers
{
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
