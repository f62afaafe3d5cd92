using System.Globalization;
using VodManager.Core.Cutting;

namespace VodManager.Core.Refinement;

/// <summary>
/// The heuristic's edge finding for one moment. A second is quiet when it is <see cref="HeuristicOptions.QuietDropLu"/>
/// below the moment's loudest second (or at/below the silence level). A start inside quiet moves forward to where the
/// sound begins (dead air trimmed); a start inside sound moves back to where that sound began, if that is within
/// the snap distance (no cut-off first word). Ends mirror that. A scene change next to the audio edge wins (a cut on
/// a cut looks clean); with no audio edge, a scene change within the snap distance is used alone.
/// </summary>
internal sealed class EdgeSnapper
{
    private const double ClearEdgeLu = 20;
    private readonly RefinementWindow _window;
    private readonly HeuristicOptions _options;
    private readonly int _core;

    public EdgeSnapper(RefinementWindow window, HeuristicOptions options, float? peak, int core)
    {
        _window = window;
        _options = options;
        _core = core;
        QuietLevel = peak is { } p ? Math.Max(options.SilenceLufs, p - options.QuietDropLu) : null;
    }

    /// <summary>Loudness at or below which a second counts as quiet; null without audio.</summary>
    public double? QuietLevel { get; }

    public Edge Start(double start, IReadOnlyList<SceneChange> scenes)
    {
        Edge? audio = null;
        var second = (int)Math.Floor(start);
        if (Quiet(second))
        {
            for (var t = second + 1; t <= _core && audio is null; t++)
            {
                audio = Sounding(t) ? Rise(start, t) : null;
            }
        }
        else if (QuietLevel is not null)
        {
            for (var t = second; t >= start - _options.SnapSeconds && audio is null; t--)
            {
                audio = Quiet(t - 1) && Sounding(t) ? Rise(start, t) : null;
            }
        }

        var scene = Nearest(scenes.Where(c => c.Seconds <= _core && c.Seconds >= Math.Max(0, _window.Start)), audio?.To ?? start, audio is null);
        return Combine(start, audio, scene);
    }

    public Edge End(double end, IReadOnlyList<SceneChange> scenes)
    {
        Edge? audio = null;
        var second = (int)Math.Ceiling(end) - 1;
        if (Quiet(second))
        {
            for (var t = second - 1; t >= _core && audio is null; t--)
            {
                audio = Sounding(t) ? Fall(end, t) : null;
            }
        }
        else if (QuietLevel is not null)
        {
            for (var t = second; t + 1 <= end + _options.SnapSeconds && audio is null; t++)
            {
                audio = Sounding(t) && Quiet(t + 1) ? Fall(end, t) : null;
            }
        }

        var limit = Math.Min(_window.End, _window.SourceDuration);
        var scene = Nearest(scenes.Where(c => c.Seconds >= _core + 1 && c.Seconds <= limit), audio?.To ?? end, audio is null);
        return Combine(end, audio, scene);
    }

    private Edge Rise(double from, int soundStarts)
    {
        var contrast = (_window.LoudnessAt(soundStarts) ?? 0) - (_window.LoudnessAt(soundStarts - 1) ?? 0);
        var to = Math.Max(Math.Max(0, _window.Start), soundStarts - _options.LeadSeconds);
        return new Edge(from, to, "audio", Clarity(contrast), Inv($"sound starts at {ClipBounds.Clock(soundStarts)}, {contrast:0} LU edge"));
    }

    private Edge Fall(double from, int lastSounding)
    {
        var contrast = (_window.LoudnessAt(lastSounding) ?? 0) - (_window.LoudnessAt(lastSounding + 1) ?? 0);
        var to = Math.Min(Math.Min(_window.End, _window.SourceDuration), lastSounding + 1 + _options.TailSeconds);
        return new Edge(from, to, "audio", Clarity(contrast), Inv($"sound ends at {ClipBounds.Clock(lastSounding + 1)}, {contrast:0} LU edge"));
    }

    /// <summary>The scene change nearest <paramref name="target"/>: within the snap distance alone, or right beside an audio edge.</summary>
    private SceneChange? Nearest(IEnumerable<SceneChange> scenes, double target, bool alone)
    {
        var reach = alone ? _options.SnapSeconds : _options.LeadSeconds + _options.TailSeconds;
        return scenes.Where(c => Math.Abs(c.Seconds - target) <= reach).OrderBy(c => Math.Abs(c.Seconds - target)).Cast<SceneChange?>().FirstOrDefault();
    }

    private static Edge Combine(double from, Edge? audio, SceneChange? scene) => (audio, scene) switch
    {
        ({ } a, { } s) => new Edge(from, s.Seconds, "audio+scene", Math.Min(1, Math.Max(a.Clarity, s.Score) + 0.2), Inv($"{a.Why}, on a scene change at {ClipBounds.Clock(s.Seconds)}")),
        (null, { } s) => new Edge(from, s.Seconds, "scene", Math.Clamp(s.Score, 0, 1), Inv($"scene change at {ClipBounds.Clock(s.Seconds)}, score {s.Score:0.00}")),
        ({ } a, null) => a,
        _ => Edge.Kept(from),
    };

    private bool Quiet(int second) => QuietLevel is { } q && _window.LoudnessAt(second) is { } l && l <= q;

    private bool Sounding(int second) => QuietLevel is { } q && _window.LoudnessAt(second) is { } l && l > q;

    private static double Clarity(double contrastLu) => Math.Round(Math.Clamp(contrastLu / ClearEdgeLu, 0, 1), 2);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
