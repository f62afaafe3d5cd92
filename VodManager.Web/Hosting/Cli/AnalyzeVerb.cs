using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Media;

namespace VodManager.Web.Hosting.Cli;

/// <summary>
/// `analyze [--chat F] [--events F] [--transcript F] [--media F] [--top N] [--json]`: scores files without storing
/// anything. With --json, stdout carries exactly one JSON document; logs and progress go to stderr.
/// </summary>
public sealed class AnalyzeVerb : ICliVerb
{
    /// <summary>
    /// The reason reads as written ("2.3× the stream's chatters", a raider's name in any script) in a terminal or a
    /// file; the default escaping, made for HTML, wrote "2.3\u00D7 the stream\u0027s". stdout is not a web page.
    /// </summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "analyze";

    public Command Build(CliContext cli)
    {
        var (chat, events, transcript) = DataFileOptions.Create();
        var media = new Option<string?>("--media") { Description = "A video or audio-only file whose loudness is measured." };
        var top = new Option<int?>("--top") { Description = "How many highlights at most (default: Detection:TopN)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of a table." };
        var command = new Command(Name, "Score chat, events, transcript and audio files into ranked highlights, storing nothing.") { chat, events, transcript, media, top, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var files = new AnalyzeFiles(Full(parse.GetValue(chat)), Full(parse.GetValue(events)), Full(parse.GetValue(transcript)), Full(parse.GetValue(media)));
            if (files is { Chat: null, Events: null, Transcript: null, Media: null })
            {
                throw new CliException("Nothing to analyze: give --chat, --events, --transcript or --media.");
            }

            if (parse.GetValue(top) is < 1)
            {
                throw new CliException("--top must be at least 1.");
            }

            DetectionOutcome outcome;
            try
            {
                var progress = ProgressScale.Inline<JobProgress>(p => cli.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[analyze] {p.Percent:0}% {p.Stage}{(p.Message is null ? "" : " - " + p.Message)}")));
                outcome = await cli.Services.GetRequiredService<FileAnalyzer>().AnalyzeAsync(files, parse.GetValue(top), progress, cancellationToken);
            }
            catch (Exception e) when (e is IngestException or FfmpegException or DetectionException)
            {
                throw new CliException(e.Message);
            }

            await cli.Out.WriteLineAsync(parse.GetValue(json) ? Json(outcome) : Table(outcome));
            return 0;
        });
        return command;
    }

    private static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);

    /// <summary>
    /// The document scripts read: seconds as numbers, best first, each with how sure detection is and why (a weak one,
    /// which only fills the list asked for, says so).
    /// </summary>
    internal static string Json(DetectionOutcome outcome) => JsonSerializer.Serialize(
        new
        {
            highlights = outcome.Highlights.Select(h => new
            {
                rank = h.Rank,
                start = h.Start,
                end = h.End,
                score = h.Score,
                signals = new { chat = h.Signals.Chat, events = h.Signals.Events, transcript = h.Signals.Transcript, audio = h.Signals.Audio },
                confidence = h.Confidence,
                weak = h.Weak,
                reason = h.Explanation,
            }),
        },
        Readable);

    private static string Table(DetectionOutcome outcome) => outcome.Highlights.Count == 0
        ? "no highlights"
        : string.Join('\n', outcome.Highlights.Select(h => string.Create(CultureInfo.InvariantCulture,
            $"#{h.Rank} {h.Start:0.0}-{h.End:0.0} s score {h.Score:0.00} (chat {h.Signals.Chat:0.00}, events {h.Signals.Events:0.00}, transcript {h.Signals.Transcript:0.00}, audio {h.Signals.Audio:0.00}) {h.Explanation}")));
}
