using System.Globalization;
using VodManager.Core.Editing;

namespace VodManager.Web.Components.Timeline;

/// <summary>
/// The selected highlight's unsaved trim, kept apart from the replay view that draws it (QuickGrid's state/UI split):
/// the range being edited, the stored bounds it started from, and the window of the stream the trim track shows.
/// </summary>
public sealed class TrimDraft
{
    private (int Id, double Start, double End)? _basis;
    private TimelineScale? _window;
    private double _trackWidth = 1000;
    private StreamTimeline _timeline = default!;
    private double _minTrimSeconds = 1;

    /// <summary>The range as the editor left it; null when no highlight is selected.</summary>
    public TrimRange? Range { get; private set; }

    public bool Snap { get; set; } = true;

    public TrimRules Rules => new(Math.Max(_timeline.DurationSeconds, _minTrimSeconds), _minTrimSeconds, _timeline.Media?.Keyframes ?? [], Snap);

    /// <summary>The part of the stream the trim track shows.</summary>
    public TimelineScale Scale => _window ?? TimelineScale.Around(Range!.Value, Rules.Duration, _trackWidth);

    /// <summary>The stored bounds as the rules see them (pulled inside the stream).</summary>
    public TrimRange? Saved => _basis is { } b ? Rules.Normalize(new TrimRange(b.Start, b.End)) : null;

    public bool Dirty => Range is not null && Range != Saved;

    /// <summary>
    /// New stored bounds of the selected highlight (another editor saved them; this page heard it live) replaced the
    /// editor's unsaved draft: said beside the trim until the editor moves a handle or picks another highlight.
    /// </summary>
    public bool ReplacedByOther { get; private set; }

    /// <summary>
    /// Follows the selection: a new highlight, or new stored bounds of the same one (saved here or by another editor),
    /// starts over from what is stored. True when another highlight was selected (the player then seeks to it).
    /// </summary>
    public bool Select(HighlightRow? selected, StreamTimeline timeline, double minTrimSeconds)
    {
        (_timeline, _minTrimSeconds) = (timeline, minTrimSeconds);
        if (selected is null)
        {
            (Range, _basis, _window, ReplacedByOther) = (null, null, null, false);
            return false;
        }

        var (start, end) = selected.EffectiveBounds;
        if (_basis is { } b && b.Id == selected.Id && b.Start == start && b.End == end)
        {
            return false;
        }

        var other = _basis?.Id != selected.Id;
        var stored = Rules.Normalize(new TrimRange(start, end));

        // The editor's own save comes back as new stored bounds equal to the draft: nothing of theirs was replaced.
        ReplacedByOther = !other && Dirty && Range != stored;
        _basis = (selected.Id, start, end);
        Range = stored;
        _window = TimelineScale.Around(Range.Value, Rules.Duration, _trackWidth);
        return other;
    }

    public void Change(TrimRange range)
    {
        (Range, ReplacedByOther) = (range, false);

        // Move the window only when the range nears its edge, so the scale never shifts under a handle being nudged.
        if (_window is { } w && w.Crowds(range))
        {
            _window = TimelineScale.Around(range, Rules.Duration, _trackWidth);
        }
    }

    /// <summary>Moves one handle under the rules (clamp, snap).</summary>
    public void Move(TrimHandle handle, double seconds)
    {
        if (Range is { } range)
        {
            Change(Rules.Move(range, handle, seconds));
        }
    }

    public void Revert() => (Range, ReplacedByOther) = (Saved, false);

    /// <summary>A refused save reset the row, and so the draft: the editor's work is kept, still unsaved.</summary>
    public void KeepUnsaved(TrimRange range) => (Range, ReplacedByOther) = (range, false);

    /// <summary>
    /// The unsaved draft for the page's address, "highlight_in_out_from-in_from-out" (from: the stored bounds it
    /// started from), so a reload keeps the editor's work; null when nothing is unsaved.
    /// </summary>
    public string? Address => Dirty && Range is { } r && _basis is { } b
        ? string.Join('_', [b.Id.ToString(CultureInfo.InvariantCulture), .. new[] { r.Start, r.End, b.Start, b.End }.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture))])
        : null;

    /// <summary>
    /// Takes back a draft the address kept (<see cref="Address"/>), when it is the selected highlight's and its stored
    /// bounds are still those the draft started from: a trim saved meanwhile by another editor is not undone unseen.
    /// </summary>
    public void Restore(string? address)
    {
        var parts = address?.Split('_') ?? [];
        var numbers = parts.Skip(1).Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : (double?)null).ToList();
        if (parts.Length != 5 || numbers.Any(n => n is null) || _basis is not { } b || parts[0] != b.Id.ToString(CultureInfo.InvariantCulture)
            || Math.Abs(b.Start - numbers[2]!.Value) > 0.001 || Math.Abs(b.End - numbers[3]!.Value) > 0.001)
        {
            return;
        }

        Change(Rules.Normalize(new TrimRange(numbers[0]!.Value, numbers[1]!.Value)));
    }

    public void Resize(double trackWidth)
    {
        _trackWidth = trackWidth > 0 ? trackWidth : _trackWidth;
        if (_window is { } w)
        {
            _window = new TimelineScale(w.Start, w.End, _trackWidth);
        }
    }
}
