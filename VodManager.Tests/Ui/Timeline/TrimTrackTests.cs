using System.Globalization;
using Bunit;
using MudBlazor;
using VodManager.Core.Media;
using VodManager.Web.Components.Timeline;

namespace VodManager.Tests.Ui.Timeline;

/// <summary>The trim handles as sliders: keyboard nudging, clamping and snapping, and what they tell screen readers.</summary>
public sealed class TrimTrackTests : UiTest
{
    private static readonly double[] Keyframes = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18];
    private TrimRange _range = new(5, 12);
    private int _saves;

    private IRenderedComponent<TrimTrackHost> RenderTrack(bool snap = false, double minLength = 1) =>
        Render<TrimTrackHost>(p => p
            .Add(t => t.Scale, new TimelineScale(0, 20, 800))
            .Add(t => t.Initial, _range)
            .Add(t => t.Rules, new TrimRules(20, minLength, Keyframes, snap))
            .Add(t => t.Ghost, GhostMarker.For(_range.Start, new MediaIndex(Keyframes, [])))
            .Add(t => t.OnSave, () => _saves++));

    private static double ValueNow(IRenderedComponent<TrimTrackHost> track, string handle) =>
        double.Parse(track.Find($"[data-testid=handle-{handle}]").GetAttribute("aria-valuenow")!, CultureInfo.InvariantCulture);

    private static void Press(IRenderedComponent<TrimTrackHost> track, string handle, string key, bool shift = false) =>
        track.Find($"[data-testid=handle-{handle}]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = key, ShiftKey = shift });

    [Fact]
    public void Handles_are_labelled_sliders_with_their_range()
    {
        var track = RenderTrack(minLength: 1);

        var handle = track.Find("[data-testid=handle-in]");
        Assert.Equal("slider", handle.GetAttribute("role"));
        Assert.Equal("0", handle.GetAttribute("tabindex"));
        Assert.Equal("Trim start of highlight #3", handle.GetAttribute("aria-label"));
        Assert.Equal(("0", "11", "5"), (handle.GetAttribute("aria-valuemin"), handle.GetAttribute("aria-valuemax"), handle.GetAttribute("aria-valuenow")));
        Assert.Equal("0:05.0", handle.GetAttribute("aria-valuetext"));
        var outHandle = track.Find("[data-testid=handle-out]");
        Assert.Equal(("Trim end of highlight #3", "6", "20"), (outHandle.GetAttribute("aria-label"), outHandle.GetAttribute("aria-valuemin"), outHandle.GetAttribute("aria-valuemax")));
    }

    [Fact]
    public void A_handle_at_the_tracks_edge_keeps_its_time_label_inside_the_track()
    {
        _range = new TrimRange(0, 20);
        var edges = RenderTrack();
        _range = new TrimRange(5, 12);
        var middle = RenderTrack();

        // 800 px for 20 s: at 0 s and 20 s a label outside the range would start off the track; at 5 s and 12 s it fits.
        Assert.Contains("inside", edges.Find("[data-testid=handle-in]").ClassList);
        Assert.Contains("inside", edges.Find("[data-testid=handle-out]").ClassList);
        Assert.DoesNotContain("inside", middle.Find("[data-testid=handle-in]").ClassList);
        Assert.DoesNotContain("inside", middle.Find("[data-testid=handle-out]").ClassList);
    }

    [Fact]
    public void Arrow_keys_nudge_a_tenth_and_shift_arrow_a_second()
    {
        var track = RenderTrack();

        Press(track, "in", "ArrowRight");
        Press(track, "in", "ArrowRight");
        Assert.Equal(5.2, ValueNow(track, "in"));

        Press(track, "in", "ArrowLeft", shift: true);
        Assert.Equal(4.2, ValueNow(track, "in"));

        Press(track, "out", "ArrowRight", shift: true);
        Assert.Equal(new TrimRange(4.2, 13), track.Instance.Range);
    }

    [Fact]
    public void Nudging_is_clamped_at_the_stream_s_end_and_the_minimum_length()
    {
        _range = new TrimRange(9.5, 19.5);
        var track = RenderTrack(minLength: 1);

        Press(track, "out", "ArrowRight", shift: true);
        Press(track, "out", "ArrowRight", shift: true);
        Assert.Equal(20, ValueNow(track, "out"));

        Press(track, "out", "Home");
        Assert.Equal(10.5, ValueNow(track, "out"));
        Press(track, "in", "Home");
        Assert.Equal(0, ValueNow(track, "in"));
        Assert.Equal("1", track.Find("[data-testid=handle-out]").GetAttribute("aria-valuemin"));
        Press(track, "in", "End");
        Assert.Equal(9.5, ValueNow(track, "in"));
    }

    [Fact]
    public void With_snapping_arrows_go_from_keyframe_to_keyframe()
    {
        var track = RenderTrack(snap: true);

        Press(track, "in", "ArrowRight");
        Assert.Equal(6, ValueNow(track, "in"));
        Press(track, "in", "ArrowRight");
        Assert.Equal(8, ValueNow(track, "in"));
        Press(track, "out", "ArrowLeft");
        Assert.Equal(10, ValueNow(track, "out"));
    }

    [Fact]
    public void Enter_saves_and_other_keys_change_nothing()
    {
        var track = RenderTrack();

        Press(track, "in", "Enter");
        Press(track, "in", "x");

        Assert.Equal(1, _saves);
        Assert.Equal(new TrimRange(5, 12), track.Instance.Range);
    }

    [Fact]
    public void The_ghost_marker_sits_on_the_keyframe_before_the_in_point()
    {
        var track = RenderTrack();

        var ghost = track.Find("[data-testid=ghost-marker]");
        Assert.Equal("4", ghost.GetAttribute("data-cut-start"));
        Assert.Contains("early", ghost.ClassList);
        Assert.Contains("left:20%", ghost.GetAttribute("style"));
        Assert.Contains("width:5%", ghost.GetAttribute("style"));
    }
}
