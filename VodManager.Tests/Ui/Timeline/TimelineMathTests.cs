using VodManager.Core.Editing;
using VodManager.Core.Media;
using VodManager.Core.Streams;
using VodManager.Web.Components.Timeline;

namespace VodManager.Tests.Ui.Timeline;

/// <summary>The trim timeline's logic without a browser: mapping, clamping, nudging, snapping, the ghost marker.</summary>
public sealed class TimelineMathTests
{
    private static readonly double[] Keyframes = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18];

    private static TrimRules Rules(bool snap = false, double duration = 20, double minLength = 1) => new(duration, minLength, Keyframes, snap);

    [Fact]
    public void Scale_maps_time_to_pixels_and_back()
    {
        var scale = new TimelineScale(60, 80, 1000);

        Assert.Equal(50, scale.PixelsPerSecond);
        Assert.Equal(250, scale.ToPixel(65));
        Assert.Equal(65, scale.ToSeconds(250));
        Assert.Equal(80, scale.ToSeconds(5000));
        Assert.Equal("25%", scale.Left(65));
        Assert.Equal("12.5%", scale.WidthOf(70, 72.5));
    }

    [Fact]
    public void A_range_too_narrow_to_see_is_drawn_wider_about_its_middle_and_kept_on_the_track()
    {
        // A 7.6-hour stream on an 850-pixel minimap: a 48 s highlight is 1.5 px.
        var scale = new TimelineScale(0, 27_540, 850);

        var (start, end) = scale.AtLeast(16_346, 16_394, 18);
        Assert.Equal(18, scale.ToPixel(end) - scale.ToPixel(start), 6);
        Assert.Equal(16_370, (start + end) / 2, 6);
        Assert.Equal((0.0, 18 / scale.PixelsPerSecond), scale.AtLeast(0, 30, 18));
        Assert.Equal(27_540, scale.AtLeast(27_500, 27_540, 18).End, 6);
        Assert.Equal((9_000.0, 12_000.0), scale.AtLeast(9_000, 12_000, 18));
        Assert.Equal((0.0, 27_540.0), new TimelineScale(0, 27_540, 10).AtLeast(100, 200, 18));
    }

    [Fact]
    public void Ranges_side_by_side_are_widened_only_as_far_as_the_next_ones_middle()
    {
        // 20 minutes on 850 px: 18 px is 25.4 s. Two short ranges 8 s apart, a third alone, one as wide as it needs.
        var scale = new TimelineScale(0, 1_200, 850);

        var drawn = scale.Widened([(30, 44), (40, 50), (600, 603), (900, 960)], 18);

        Assert.Equal((30.0, 44.0), drawn[0]);                // 8 s to the next middle: no wider than 8 s
        Assert.Equal((40.0, 50.0), drawn[1]);                // already wider than the 8 s of room: kept
        Assert.Equal(18, scale.ToPixel(drawn[2].End) - scale.ToPixel(drawn[2].Start), 6);
        Assert.Equal(601.5, (drawn[2].Start + drawn[2].End) / 2, 6);
        Assert.Equal((900.0, 960.0), drawn[3]);
        Assert.True(drawn[1].Start > 37 && drawn[0].End < 45, "a range covers the other's middle");
    }

    [Fact]
    public void Scale_refuses_an_empty_span_or_width()
    {
        Assert.Throws<ArgumentException>(() => new TimelineScale(10, 10, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimelineScale(0, 10, 0));
    }

    [Fact]
    public void Trim_window_pads_the_range_and_stays_inside_the_stream()
    {
        var middle = TimelineScale.Around(new TrimRange(100, 120), duration: 240, width: 800);
        var start = TimelineScale.Around(new TrimRange(2, 6), duration: 240, width: 800);

        Assert.Equal((90, 130), (middle.Start, middle.End));
        Assert.Equal((0, 11), (start.Start, start.End));
        Assert.False(middle.Crowds(new TrimRange(95, 125)));
        Assert.True(middle.Crowds(new TrimRange(91, 125)));
    }

    [Theory]
    [InlineData(+1, false, 5.1)]
    [InlineData(-1, false, 4.9)]
    [InlineData(+1, true, 6)]
    [InlineData(-1, true, 4)]
    public void Arrow_keys_nudge_the_in_point_a_tenth_or_a_whole_second(int direction, bool large, double expected)
    {
        var range = Rules().Nudge(new TrimRange(5, 12), TrimHandle.In, direction, large);

        Assert.Equal(new TrimRange(expected, 12), range);
    }

    [Fact]
    public void Nudging_stops_at_the_stream_s_ends_and_at_the_minimum_length()
    {
        var rules = Rules(minLength: 1);

        Assert.Equal(0, rules.Nudge(new TrimRange(0.05, 10), TrimHandle.In, -1, large: false).Start);
        Assert.Equal(20, rules.Nudge(new TrimRange(5, 19.5), TrimHandle.Out, +1, large: true).End);
        Assert.Equal(9, rules.Nudge(new TrimRange(8.5, 10), TrimHandle.In, +1, large: true).Start);
        Assert.Equal(9.5, rules.Nudge(new TrimRange(8.5, 10), TrimHandle.Out, -1, large: true).End);
    }

    [Fact]
    public void A_dragged_handle_is_clamped_to_its_limits()
    {
        var rules = Rules(minLength: 2);

        Assert.Equal(new TrimRange(8, 10), rules.Move(new TrimRange(5, 10), TrimHandle.In, 9.7));
        Assert.Equal(new TrimRange(5, 20), rules.Move(new TrimRange(5, 10), TrimHandle.Out, 31));
        Assert.Equal(new TrimRange(0, 10), rules.Move(new TrimRange(5, 10), TrimHandle.In, -4));
        Assert.Equal(new TrimRange(5.123, 10), rules.Move(new TrimRange(5, 10), TrimHandle.In, 5.12345));
    }

    [Fact]
    public void With_snapping_a_drop_lands_on_the_nearest_keyframe_inside_the_limits()
    {
        var rules = Rules(snap: true, minLength: 1);

        Assert.Equal(6, rules.Move(new TrimRange(3, 12), TrimHandle.In, 6.9).Start);
        Assert.Equal(8, rules.Move(new TrimRange(3, 12), TrimHandle.In, 7.1).Start);

        // The nearest keyframe (10) would leave less than the minimum before the out-point at 10.5: the next one back wins.
        Assert.Equal(8, rules.Move(new TrimRange(3, 10.5), TrimHandle.In, 9.8).Start);
    }

    [Fact]
    public void With_snapping_arrow_keys_step_from_keyframe_to_keyframe()
    {
        var rules = Rules(snap: true);

        Assert.Equal(6, rules.Nudge(new TrimRange(4, 12), TrimHandle.In, +1, large: false).Start);
        Assert.Equal(2, rules.Nudge(new TrimRange(4, 12), TrimHandle.In, -1, large: false).Start);
        Assert.Equal(6, rules.Nudge(new TrimRange(4.5, 12), TrimHandle.In, +1, large: true).Start);
        Assert.Equal(new TrimRange(0, 12), rules.Nudge(new TrimRange(0, 12), TrimHandle.In, -1, large: false));
    }

    [Fact]
    public void Snapping_without_keyframes_is_off()
    {
        var rules = new TrimRules(20, 1, [], snap: true);

        Assert.False(rules.Snap);
        Assert.Equal(5.1, rules.Nudge(new TrimRange(5, 12), TrimHandle.In, +1, large: false).Start);
    }

    [Fact]
    public void Normalize_pulls_stored_bounds_inside_the_stream()
    {
        Assert.Equal(new TrimRange(19, 20), Rules().Normalize(new TrimRange(25, 30)));
        Assert.Equal(new TrimRange(0, 20), Rules().Normalize(new TrimRange(-2, 22)));
    }

    [Theory]
    [InlineData(8, 8, "exact", true)]
    [InlineData(8.02, 8, "exact", true)]
    [InlineData(9.4, 8, "starts 1.4 s early", false)]
    [InlineData(19.5, 18, "starts 1.5 s early", false)]
    public void Ghost_marker_sits_on_the_keyframe_at_or_before_the_in_point(double inPoint, double cutStart, string label, bool exact)
    {
        var ghost = GhostMarker.For(inPoint, new MediaIndex(Keyframes, []));

        Assert.NotNull(ghost);
        Assert.Equal(cutStart, ghost.CutStartSeconds);
        Assert.Equal(label, ghost.Label);
        Assert.Equal(exact, ghost.IsExact);
    }

    [Fact]
    public void Ghost_marker_is_unknown_until_keyframes_are_indexed()
    {
        Assert.Null(GhostMarker.For(5, null));
        Assert.Null(GhostMarker.For(5, new MediaIndex([], [])));
    }

    [Fact]
    public void Keyframe_search_respects_limits()
    {
        Assert.Equal(4, KeyframeSearch.Nearest(Keyframes, 4.9, 0, 20));
        Assert.Equal(6, KeyframeSearch.Nearest(Keyframes, 4.9, 5, 20));
        Assert.Null(KeyframeSearch.Nearest(Keyframes, 4.9, 4.5, 5.5));
        Assert.Equal(6, KeyframeSearch.FirstAtOrAfter(Keyframes, 5.999_9, 0, 20));
        Assert.Null(KeyframeSearch.LastAtOrBefore(Keyframes, 1, 0.5, 20));
    }

    [Fact]
    public void Heat_strip_scales_counts_by_square_root_and_draws_a_closed_area()
    {
        var intensities = HeatStrip.Intensities([0, 25, 100]);

        Assert.Equal([0, 0.5, 1], intensities);
        Assert.Equal("M0,1 L0,1 L1,1 L1,0.5 L2,0.5 L2,0 L3,0 L3,1 Z", HeatStrip.AreaPath(intensities));
        Assert.Equal([0, 0], HeatStrip.Intensities([0, 0]));
    }

    [Fact]
    public void Ruler_ticks_never_crowd()
    {
        Assert.Equal([0, 60, 120, 180, 240], RulerTicks.For(new TimelineScale(0, 240, 400)));
        Assert.Equal([62, 64, 66, 68, 70], RulerTicks.For(new TimelineScale(61, 70, 400)));
    }

    [Fact]
    public void Close_events_share_a_marker_led_by_the_weightiest()
    {
        TimelineEvent At(double t, StreamEventType type, double magnitude = 1) => new(type, t, magnitude, null);
        var scale = new TimelineScale(0, 1000, 1000);

        var clusters = EventCluster.Group([At(100, StreamEventType.Sub), At(105, StreamEventType.Raid, 250), At(110, StreamEventType.Cheer), At(500, StreamEventType.Redemption)], scale);

        Assert.Equal(2, clusters.Count);
        Assert.Equal((100, 3, StreamEventType.Raid), (clusters[0].AtSeconds, clusters[0].Events.Count, clusters[0].Lead.Type));
        Assert.Equal("Raid · 250 viewers at 1:45", EventStyle.Describe(clusters[0].Lead));
    }

    [Fact]
    public void Score_colour_runs_from_amber_for_the_weakest_to_red_for_the_best()
    {
        Assert.Equal("hsl(48, 92%, 58%)", ScorePalette.Color(4, 4, 10));
        Assert.Equal("hsl(25, 92%, 54%)", ScorePalette.Color(7, 4, 10));
        Assert.Equal("hsl(2, 92%, 50%)", ScorePalette.Color(10, 4, 10));
        Assert.Equal("hsl(2, 92%, 50%)", ScorePalette.Color(3, 3, 3));
    }
}
