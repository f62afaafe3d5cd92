using System.Globalization;
using VodManager.Core.Cutting;

namespace VodManager.Core.Media;

/// <summary>
/// Where a source's broadcast reconnected: the seconds of the video at which a platform's recording restarts (an HLS
/// playlist's discontinuities, the broadcaster's connection dropped and came back). Twitch's VOD keeps only part of
/// the time a stream was down while its chat is counted by the clock, so from each on the chat can run ahead of the
/// video by as long as the stream was down: an editor reviewing highlights there should know. Known from an HLS
/// import; stored on the VOD as seconds, e.g. "3723.5,7800".
/// </summary>
public sealed class Reconnects(IReadOnlyList<double> seconds)
{
    public static readonly Reconnects None = new([]);

    public IReadOnlyList<double> Seconds { get; } = seconds;

    /// <summary>What <see cref="Store"/> wrote; a VOD recorded in one go has null.</summary>
    public static Reconnects Parse(string? stored) =>
        string.IsNullOrEmpty(stored)
            ? None
            : new Reconnects(stored.Split(',').Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var second)
                ? second
                : throw new FormatException($"'{s}' in '{stored}' is not a second of the video.")).ToList());

    public string? Store() =>
        Seconds.Count == 0 ? null : string.Join(',', Seconds.Select(s => s.ToString("0.###", CultureInfo.InvariantCulture)));

    /// <summary>
    /// What the editor should know after the import, e.g. "; the broadcast reconnected at 1:02:03.0 (…)", or "" when
    /// it did not.
    /// </summary>
    public string Note() => Seconds.Count == 0
        ? ""
        : $"; the broadcast reconnected at {List(shown: 3)} (its {Seconds.Count + 1} parts joined on the playlist's timeline): Twitch's chat can run ahead of the video from there by as long as the stream was down (line it up from the chat beside the player)";

    /// <summary>"1:02:03.0, 2:10:00.0", the first <paramref name="shown"/> of them and how many more.</summary>
    public string List(int shown = int.MaxValue) => Strings.FirstOf(Seconds.Select(ClipBounds.Clock).ToList(), shown);
}
