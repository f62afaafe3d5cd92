using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using VodManager.Core.Cutting;
using VodManager.Core.Editing;

namespace VodManager.Web.Components.Timeline;

/// <summary>
/// The whole stream at a glance: chat heat, event markers, highlight ranges coloured by score. Clicking a range opens
/// it; pressing or dragging anywhere else seeks (in the browser, see ReplayView.razor.js).
/// </summary>
public sealed partial class Minimap
{
    /// <summary>A range is drawn at least this wide, enough for a two-digit rank and a finger.</summary>
    private const double RangeMinPixels = 18;

    /// <summary>
    /// What one digit of a rank takes (11 px bold). A range narrower than its rank shows none: two such ranges side by
    /// side clipped "2" and "4" into what read as "24". Its tooltip and label still name it.
    /// </summary>
    private const double RankDigitPixels = 8;

    private StreamTimeline? _heatFor;
    private string _heatPath = "";
    private int _heatBuckets = 1;
    private double _minScore;
    private double _maxScore;
    private IReadOnlyList<EventCluster> _clusters = [];
    private Dictionary<int, (double Start, double End)> _drawn = [];
    private HashSet<int> _ranked = [];
    private IReadOnlyList<(string Name, string Color, string Path, IReadOnlyList<ClipBounds> Muted, IReadOnlyList<double> Reconnects)> _lanes = [];

    /// <summary>The whole stream at the track's measured width.</summary>
    [Parameter, EditorRequired] public TimelineScale Scale { get; set; }

    [Parameter, EditorRequired] public StreamTimeline Timeline { get; set; } = default!;

    /// <summary>The highlights to draw (the table's visible rows).</summary>
    [Parameter] public IReadOnlyList<HighlightRow> Highlights { get; set; } = [];

    [Parameter] public int? SelectedId { get; set; }

    /// <summary>The selected highlight's unsaved trim, outlined over its range.</summary>
    [Parameter] public TrimRange? Selection { get; set; }

    [Parameter] public EventCallback<int> OnSelect { get; set; }

    /// <summary>I or O pressed on the seekbar: set the selected highlight's in or out at the playhead.</summary>
    [Parameter] public EventCallback<KeyboardEventArgs> OnShortcut { get; set; }

    protected override void OnParametersSet()
    {
        // The path covers hundreds of buckets: build it once per timeline, not on every playhead-driven render.
        if (!ReferenceEquals(_heatFor, Timeline))
        {
            _heatFor = Timeline;
            _heatBuckets = Math.Max(1, Timeline.ChatCounts.Count);
            _heatPath = HeatStrip.AreaPath(HeatStrip.Intensities(Timeline.ChatCounts));
            var s = Timeline.Signals;
            // Where Twitch muted the sound the audio lane is flat for the platform's reason, not the stream's: it says so.
            var muted = Timeline.Source?.Muted.Stretches ?? [];
            // From a reconnect on, Twitch's chat can run ahead of its VOD: the chat lane marks where.
            var reconnects = Timeline.Source?.Reconnects.Seconds ?? [];
            (double[] Values, IReadOnlyList<ClipBounds> Muted, IReadOnlyList<double> Reconnects)[] lanes =
                [(s.Chat, [], reconnects), (s.Events, [], []), (s.Transcript, [], []), (s.Audio, muted, [])];
            _lanes = SignalStyle.All.Zip(lanes, (style, lane) => (style.Name, style.Color, HeatStrip.AreaPath(lane.Values), lane.Muted, lane.Reconnects)).ToList();
        }

        // Marked moments have no score: they would pull the palette's low end to 0 and redden every detected one.
        var scored = Highlights.Where(h => h.AddedBy is null).ToList();
        (_minScore, _maxScore) = scored.Count == 0 ? (0, 0) : (scored.Min(h => h.Score), scored.Max(h => h.Score));
        _clusters = EventCluster.Group(Timeline.Events, Scale);
        var drawn = Scale.Widened(Highlights.Select(h => h.EffectiveBounds).ToList(), RangeMinPixels);
        _drawn = Highlights.Zip(drawn).ToDictionary(p => p.First.Id, p => p.Second);
        _ranked = Highlights.Where(h => (_drawn[h.Id].End - _drawn[h.Id].Start) * Scale.PixelsPerSecond >= RankDigitPixels * h.Rank.ToString(CultureInfo.InvariantCulture).Length)
            .Select(h => h.Id).ToHashSet();
    }

    // The browser handles the seekbar's own keys (arrows, Space); only the trim and review shortcuts come here.
    private Task OnSeekbarKeyDownAsync(KeyboardEventArgs e) =>
        e.Key.ToLowerInvariant() is "i" or "o" or "n" or "p" or "d" or "a" && !(e.CtrlKey || e.AltKey || e.MetaKey) ? OnShortcut.InvokeAsync(e) : Task.CompletedTask;

    private static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
