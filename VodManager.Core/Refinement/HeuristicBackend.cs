using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VodManager.Core.Cutting;
using VodManager.Core.Media;

namespace VodManager.Core.Refinement;

/// <summary>
/// The local default: snaps each bound to the nearest clear edge, from the cached per-second loudness (where the
/// sound of the moment starts and dies away) and from scene changes in the window (ffmpeg, cached), never cutting
/// into the moment's loudest second. Judges "not a clip" when the moment is silent, carries no signal, or is too
/// short once snapped; where the platform muted the sound, silence is no verdict. Confidence comes from how clear the
/// two edges are. Needs no network and no model.
/// </summary>
public sealed class HeuristicBackend(IOptions<RefinementOptions> options) : IRefinementBackend
{
    public const string BackendName = "heuristic";

    public string Name => BackendName;

    public string Description => "On this server: snaps the bounds to where the sound starts and dies away and to scene changes; free.";

    public string? Unavailable => null;

    public bool NeedsVideo => true;

    public async Task<RefinementProposal> ProposeAsync(RefinementInput input, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var h = o.Heuristic;
        var w = input.Window;
        var (first, last) = ((int)Math.Floor(input.Start), Math.Max((int)Math.Floor(input.Start), (int)Math.Ceiling(input.End) - 1));
        var levels = Enumerable.Range(first, last - first + 1).Select(w.LoudnessAt).OfType<float>().ToList();
        var peak = levels.Count == 0 ? (float?)null : levels.Max();

        // Silence the platform made (Twitch mutes music) is not the stream's: a moment chat reacted to there is judged
        // from its signals and shots, and its muted seconds give no sound edge.
        var muted = w.MutedIn(input.Start, input.End);
        if (peak is { } p && p <= h.SilenceLufs && muted.Count == 0)
        {
            return Verdict(input, false, 0.9, Inv($"silent: nothing in {new ClipBounds(input.Start, input.End)} is louder than {p:0.#} LUFS"));
        }

        var signal = Enumerable.Range(first, last - first + 1).Select(w.SignalAt).DefaultIfEmpty(0).Max();
        if (w.Curves is not null && signal < h.NoSignalLevel)
        {
            return Verdict(input, false, 0.8, Inv($"no signal: chat (the model's probability above its usual), events, transcript and audio stay below {h.NoSignalLevel:0.##} in {new ClipBounds(input.Start, input.End)}"));
        }

        var scenes = await w.Media.GetScenesAsync(h.SceneThreshold, cancellationToken);
        var snapper = new EdgeSnapper(w, h, peak, Core(w, first, last, peak));
        var start = snapper.Start(input.Start, scenes);
        var end = snapper.End(input.End, scenes);
        var (from, to) = (Math.Round(start.To, 2), Math.Round(end.To, 2));
        var confidence = Math.Round(0.15 + 0.85 * (start.Clarity + end.Clarity) / 2, 2);
        var raw = JsonSerializer.Serialize(new
        {
            start,
            end,
            peakLufs = peak,
            quietAtOrBelow = snapper.QuietLevel,
            scenes = scenes.Select(s => new { s.Seconds, s.Score }),
        });
        var reason = Inv($"start {Describe(start)}; end {Describe(end)}")
            + (muted.Count == 0 ? "" : $"; Twitch muted its sound at {MutedSound.List(muted)}: judged from its signals and shots there");
        if (to - from < o.MinClipSeconds)
        {
            return new RefinementProposal(from, Math.Max(to, from), false, confidence, Inv($"too short after snapping: {to - from:0.#} s < {o.MinClipSeconds:0.#} s; {reason}"), raw);
        }

        return new RefinementProposal(from, to, true, confidence, reason, raw);
    }

    /// <summary>The second a bound must never cut into: the loudest one, else the one with the strongest signal, else the middle.</summary>
    private static int Core(RefinementWindow w, int first, int last, float? peak)
    {
        var seconds = Enumerable.Range(first, last - first + 1).ToList();
        if (peak is not null)
        {
            return seconds.MaxBy(s => w.LoudnessAt(s) ?? float.MinValue);
        }

        return w.Curves is null ? (first + last) / 2 : seconds.MaxBy(w.SignalAt);
    }

    private static RefinementProposal Verdict(RefinementInput input, bool clipable, double confidence, string reason) =>
        new(input.Start, input.End, clipable, confidence, reason, JsonSerializer.Serialize(new { verdict = reason }));

    private static string Describe(Edge edge) =>
        Math.Abs(edge.To - edge.From) < 0.01 ? Inv($"kept at {ClipBounds.Clock(edge.To)} ({edge.Why})") : Inv($"{ClipBounds.Clock(edge.From)}→{ClipBounds.Clock(edge.To)} ({edge.Why})");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
