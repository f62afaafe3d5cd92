using System.CommandLine;
using System.Globalization;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;

namespace VodManager.Web.Hosting.Cli;

/// <summary>The `--title`, `--channel` and `--started-at` options of `streams create` and `import --new-stream`.</summary>
public sealed record StreamDetailOptions(Option<string?> Title, Option<string?> Channel, Option<string?> StartedAt)
{
    public static StreamDetailOptions Create() => new(
        new Option<string?>("--title") { Description = "The stream's title." },
        new Option<string?>("--channel") { Description = "The channel it was broadcast on." },
        new Option<string?>("--started-at") { Description = "When it started, ISO 8601 (e.g. 2026-11-30T18:00:00Z); UTC unless an offset is given." });

    /// <summary>What the operator gave; each part null when not given.</summary>
    public StreamMetadata Given(ParseResult parse)
    {
        DateTime? started = null;
        if (parse.GetValue(StartedAt) is { } text)
        {
            started = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.UtcDateTime
                : throw new CliException($"--started-at '{text}' is not a date and time; give ISO 8601, e.g. 2026-11-30T18:00:00Z.");
        }

        return new StreamMetadata(parse.GetValue(Title), parse.GetValue(Channel), started, null);
    }

    /// <summary>Runs a stream action, turning a refusal into the one-line CLI error.</summary>
    public static async Task<T> RefusalsAsCliErrors<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is StreamException or IngestException or VideoImportException)
        {
            throw new CliException(e.Message);
        }
    }
}
