using System.Globalization;
using VodManager.Core.Cutting;

namespace VodManager.Core.Media;

/// <summary>
/// The stretches of a source whose sound the platform muted (Twitch silences the parts of a VOD with copyrighted
/// music): silence there says nothing of what happened on stream, so the loudness there is no evidence, and a moment
/// chat reacted to inside one is not "silent". Known from an HLS import (its muted segments); stored on the VOD as
/// "start-end" pairs in seconds, e.g. "4-12,48.5-51".
/// </summary>
public sealed class MutedSound(IReadOnlyList<ClipBounds> stretches)
{
    public static readonly MutedSound None = new([]);

    public IReadOnlyList<ClipBounds> Stretches { get; } = stretches;

    /// <summary>Neighbouring spans (consecutive muted segments) joined into one stretch.</summary>
    public static MutedSound Of(IEnumerable<(double Start, double End)> spans)
    {
        var stretches = new List<ClipBounds>();
        foreach (var (start, end) in spans.OrderBy(s => s.Start))
        {
            if (stretches.Count > 0 && start - stretches[^1].End < 0.5)
            {
                stretches[^1] = stretches[^1] with { End = Math.Max(end, stretches[^1].End) };
            }
            else
            {
                stretches.Add(new ClipBounds(start, end));
            }
        }

        return new MutedSound(stretches);
    }

    /// <summary>What <see cref="Store"/> wrote; a VOD without muted parts has null.</summary>
    public static MutedSound Parse(string? stored) =>
        string.IsNullOrEmpty(stored)
            ? None
            : new MutedSound(stored.Split(',').Select(pair => pair.Split('-') is [var start, var end]
                ? new ClipBounds(double.Parse(start, CultureInfo.InvariantCulture), double.Parse(end, CultureInfo.InvariantCulture))
                : throw new FormatException($"'{pair}' in '{stored}' is not a muted stretch (start-end in seconds).")).ToList());

    public string? Store() =>
        Stretches.Count == 0 ? null : string.Join(',', Stretches.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Start:0.###}-{s.End:0.###}")));

    /// <summary>Whether most of stream second <paramref name="second"/> is muted.</summary>
    public bool Covers(int second) => Stretches.Any(s => s.Start <= second + 0.5 && second + 0.5 < s.End);

    /// <summary>The stretches that overlap <paramref name="start"/>–<paramref name="end"/>.</summary>
    public IReadOnlyList<ClipBounds> Within(double start, double end) => Stretches.Where(s => s.Start < end && start < s.End).ToList();

    /// <summary>
    /// What the editor should know after the import, e.g. "; Twitch muted the sound of 6:00.0 of it (42:00.0–45:00.0,
    /// 48:00.0–51:00.0): those parts are silent", or "" when nothing was muted.
    /// </summary>
    public string Note()
    {
        if (Stretches.Count == 0)
        {
            return "";
        }

        return $"; Twitch muted the sound of {ClipBounds.Clock(Stretches.Sum(s => s.Duration))} of it ({List(Stretches, shown: 5)}): those parts are silent";
    }

    /// <summary>"0:04.0–0:12.0, 0:48.0–0:51.0", the first <paramref name="shown"/> of them and how many more.</summary>
    public static string List(IReadOnlyList<ClipBounds> stretches, int shown = int.MaxValue) =>
        Strings.FirstOf(stretches.Select(s => s.ToString()).ToList(), shown);
}
