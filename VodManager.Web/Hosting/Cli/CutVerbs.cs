using System.CommandLine;
using VodManager.Core.Cutting;
using VodManager.Core.Editing;

namespace VodManager.Web.Hosting.Cli;

/// <summary>What the cut verbs share: their options and the result lines they print.</summary>
internal static class CutVerbs
{
    public static Option<CutMode?> ModeOption() => new("--mode")
    {
        Description = "copy (default: fast, starts on a keyframe), precise (re-encode, frame-accurate) or smart (re-encode only the edges).",
        CustomParser = result => result.Tokens.Count == 0 ? null
            : Enum.TryParse<CutMode>(result.Tokens[0].Value, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode
            : throw new CliException($"--mode '{result.Tokens[0].Value}' is not one of copy, precise, smart."),
    };

    /// <summary>One stdout line per highlight ("highlight 5: done, VOD 12 (copy) 1:58.0–2:28.0"); exit code 1 when any has no clip.</summary>
    public static async Task<int> PrintAsync(CliContext cli, int accountId, IReadOnlyCollection<int> highlightIds, CancellationToken cancellationToken)
    {
        var rows = await cli.Services.GetRequiredService<HighlightQueries>().CutOutcomesAsync(accountId, highlightIds, cancellationToken);
        foreach (var h in rows)
        {
            var line = h.Clip is { } clip
                ? $"highlight {h.Id}: done, VOD {clip.VodId} ({clip.CutMode?.ToString().ToLowerInvariant()}) {new ClipBounds(clip.SourceStartSeconds ?? 0, clip.SourceEndSeconds ?? 0)}, {Core.ByteSize.Format(clip.SizeBytes)}"
                : $"highlight {h.Id}: {h.ClipStatus.ToString().ToLowerInvariant()}: {h.ClipError}";
            await cli.Out.WriteLineAsync(line);
        }

        return rows.Count > 0 && rows.All(h => h.ClipStatus == ClipStatus.Done) ? 0 : 1;
    }
}
