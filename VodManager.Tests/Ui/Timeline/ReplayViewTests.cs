using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Media;
using VodManager.Core.Streams;
using VodManager.Web.Components.Timeline;

namespace VodManager.Tests.Ui.Timeline;

/// <summary>The replay view around the trim track: drops from the browser, I/O at the playhead, the ghost badge, saving.</summary>
public sealed class ReplayViewTests : UiTest
{
    private const string Module = "./Components/Timeline/ReplayView.razor.js";
    private static readonly double[] Keyframes = Enumerable.Range(0, 120).Select(i => i * 2.0).ToArray();
    private readonly List<TrimSave> _saves = [];

    private static StreamTimeline Timeline(bool indexed = true) => new(
        240, 10, Enumerable.Repeat(3.0, 24).ToArray(), new TimelineSignals(new double[24], new double[24], new double[24], new double[24]),
        [new TimelineEvent(StreamEventType.Raid, 148, 250, "friendly_streamer")],
        Source: null, indexed ? new MediaIndex(Keyframes, []) : null);

    private static HighlightRow Selected() => new() { Id = 7, Rank = 2, DetectedStart = 61.4, DetectedEnd = 72, Score = 8 };

    private IRenderedComponent<ReplayView> RenderReplay(bool indexed = true, string? startTrim = null, HighlightRow? selected = null)
    {
        Render<MudPopoverProvider>();
        selected ??= Selected();
        return Render<ReplayView>(p => p
            .Add(r => r.Timeline, Timeline(indexed))
            .Add(r => r.StartTrim, startTrim)
            .Add(r => r.Highlights, [selected])
            .Add(r => r.Selected, selected)
            .Add(r => r.OnSave, (TrimSave s) => _saves.Add(s)));
    }

    private static double ValueNow(IRenderedComponent<ReplayView> view, string handle) =>
        double.Parse(view.Find($"[data-testid=handle-{handle}]").GetAttribute("aria-valuenow")!, CultureInfo.InvariantCulture);

    [Fact]
    public void The_ghost_badge_says_how_early_a_stream_copy_cut_starts()
    {
        var view = RenderReplay();

        Assert.Equal("starts 1.4 s early", view.Find("[data-testid=ghost-badge]").TextContent.Trim());
        Assert.Equal("60", view.Find("[data-testid=ghost-marker]").GetAttribute("data-cut-start"));
    }

    [Fact]
    public void Without_keyframes_the_badge_says_so_and_snapping_is_off()
    {
        var view = RenderReplay(indexed: false);

        Assert.Equal("keyframes not indexed yet", view.Find("[data-testid=ghost-badge]").TextContent.Trim());
        Assert.Empty(view.FindAll("[data-testid=ghost-marker]"));
        Assert.NotNull(view.Find("input[data-testid=snap-toggle]").GetAttribute("disabled"));
    }

    [Fact]
    public async Task A_drop_from_the_browser_is_snapped_and_then_saved()
    {
        var view = RenderReplay();
        Assert.Empty(view.FindAll("[data-testid=unsaved]"));

        await view.InvokeAsync(() => view.Instance.OnHandleDropped("in", 63.3));

        Assert.Equal(64, ValueNow(view, "in"));
        Assert.Equal("exact", view.Find("[data-testid=ghost-badge]").TextContent.Trim());
        Assert.NotEmpty(view.FindAll("[data-testid=unsaved]"));

        view.Find("[data-testid=save-trim]").Click();

        var save = Assert.Single(_saves);
        Assert.Equal(new TrimSave(7, new TrimRange(64, 72)), save);
    }

    [Fact]
    public async Task A_drop_past_the_other_handle_stops_at_the_minimum_length()
    {
        var view = RenderReplay();

        await view.InvokeAsync(() => view.Instance.OnHandleDropped("out", 10));

        // Clamped to 1 s after the in-point (62.4), then snapped to the nearest keyframe still inside the limits.
        Assert.Equal(64, ValueNow(view, "out"));
    }

    [Fact]
    public void I_and_O_set_the_in_and_out_points_at_the_playhead()
    {
        var module = JSInterop.SetupModule(Module);
        var playhead = module.Setup<double>("currentTime", _ => true);
        var view = RenderReplay();
        view.Find("input[data-testid=snap-toggle]").Change(false);

        playhead.SetResult(65.25);
        view.Find("[data-testid=handle-out]").KeyDown(new KeyboardEventArgs { Key = "i" });
        Assert.Equal(65.25, ValueNow(view, "in"));

        module.Setup<double>("currentTime", _ => true).SetResult(70.5);
        view.Find("[data-testid=seekbar]").KeyDown(new KeyboardEventArgs { Key = "O" });
        Assert.Equal(70.5, ValueNow(view, "out"));
    }

    [Fact]
    public void A_highlight_the_page_opens_moves_the_player_only_while_the_editor_has_not()
    {
        var module = JSInterop.SetupModule(Module);
        HighlightRow At(int id, double start) => new() { Id = id, Rank = id, DetectedStart = start, DetectedEnd = start + 20, Score = 5 };
        var (first, second, third, fourth) = (At(1, 30), At(2, 90), At(3, 150), At(4, 200));
        var view = RenderReplay(selected: first);
        List<double> Seeks() => [.. module.Invocations.Where(i => i.Identifier == "seek").Select(i => (double)i.Arguments[1]!)];
        void Open(HighlightRow row, bool byPage) => view.Render(p => p.Add(r => r.Highlights, [first, second, third, fourth]).Add(r => r.Selected, row).Add(r => r.SelectedByPage, byPage));

        // The player reports where the page put it: still the page's place, so a row the page opens (new rows came in) goes there.
        view.InvokeAsync(() => view.Instance.OnPlayerSecond(30.2));
        Open(second, byPage: true);
        Assert.Equal([30, 90], Seeks());

        // The editor plays on (or seeks, or picks a chat line's time): a detection ending now opens its best row and the player stays.
        view.InvokeAsync(() => view.Instance.OnPlayerSecond(91.0));
        view.InvokeAsync(() => view.Instance.OnPlayerSecond(92.0));
        Open(third, byPage: true);
        Assert.Equal([30, 90], Seeks());
        Assert.Equal("150", view.Find("[data-testid=handle-in]").GetAttribute("aria-valuenow")); // open, its handles shown

        // A row the editor picks still takes the player to it.
        Open(fourth, byPage: false);
        Assert.Equal([30, 90, 200], Seeks());
    }

    [Fact]
    public void Space_on_a_handle_plays_or_pauses_the_video()
    {
        var module = JSInterop.SetupModule(Module);
        var view = RenderReplay();

        view.Find("[data-testid=handle-in]").KeyDown(new KeyboardEventArgs { Key = " " });

        Assert.Single(module.Invocations, i => i.Identifier == "togglePlay");
    }

    [Fact]
    public void Preview_plays_exactly_the_trimmed_range()
    {
        var module = JSInterop.SetupModule(Module);
        var view = RenderReplay();

        view.Find("[data-testid=preview-trim]").Click();

        var call = Assert.Single(module.Invocations, i => i.Identifier == "playRange");
        Assert.Equal([61.4, 72.0], call.Arguments.Skip(1).Cast<double>());
    }

    [Fact]
    public void Event_markers_carry_their_magnitude()
    {
        var view = RenderReplay();

        var marker = view.Find("[data-testid=event-marker]");
        Assert.Equal("Raid", marker.GetAttribute("data-type"));
        Assert.Equal("Raid · 250 viewers at 2:28 (friendly_streamer)", marker.QuerySelector("[role=img]")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Another_editors_saved_bounds_replace_an_unsaved_draft_and_say_so_until_a_handle_moves()
    {
        var view = RenderReplay();
        await view.InvokeAsync(() => view.Instance.OnHandleDropped("out", 80));
        Assert.NotEmpty(view.FindAll("[data-testid=unsaved]"));
        Assert.Empty(view.FindAll("[data-testid=trim-replaced]"));

        // The page heard another editor's trim of the same highlight: its row comes back with their bounds.
        var theirs = Selected() with { TrimStart = 64, TrimEnd = 70, TrimmedBy = "alice" };
        view.Render(p => p.Add(r => r.Highlights, [theirs]).Add(r => r.Selected, theirs));

        Assert.Equal((64, 70), (ValueNow(view, "in"), ValueNow(view, "out")));
        Assert.Empty(view.FindAll("[data-testid=unsaved]"));
        Assert.Equal("alice saved new bounds: your unsaved trim was replaced", view.Find("[data-testid=trim-replaced]").TextContent.Trim());

        await view.InvokeAsync(() => view.Instance.OnHandleDropped("out", 76));
        Assert.Empty(view.FindAll("[data-testid=trim-replaced]"));
    }

    [Fact]
    public async Task The_editors_own_save_stores_the_draft_without_saying_it_was_replaced()
    {
        var view = RenderReplay();
        await view.InvokeAsync(() => view.Instance.OnHandleDropped("in", 63.3));
        view.Find("[data-testid=save-trim]").Click();

        // The page takes the saved bounds at once (optimistic), as its row: they are the draft's.
        var mine = Selected() with { TrimStart = 64, TrimEnd = 72, TrimmedBy = "ed@example.com" };
        view.Render(p => p.Add(r => r.Highlights, [mine]).Add(r => r.Selected, mine));

        Assert.Equal((64, 72), (ValueNow(view, "in"), ValueNow(view, "out")));
        Assert.Empty(view.FindAll("[data-testid=unsaved]"));
        Assert.Empty(view.FindAll("[data-testid=trim-replaced]"));
    }

    [Fact]
    public void New_stored_bounds_without_a_draft_are_simply_shown()
    {
        var view = RenderReplay();

        var theirs = Selected() with { TrimStart = 64, TrimEnd = 70, TrimmedBy = "alice" };
        view.Render(p => p.Add(r => r.Highlights, [theirs]).Add(r => r.Selected, theirs));

        Assert.Equal((64, 70), (ValueNow(view, "in"), ValueNow(view, "out")));
        Assert.Empty(view.FindAll("[data-testid=trim-replaced]"));
    }

    [Fact]
    public async Task An_unsaved_trim_goes_into_the_address_and_a_reload_takes_it_back_unless_the_bounds_changed_meanwhile()
    {
        var view = RenderReplay();
        Assert.Null(view.Find("[data-testid=replay]").GetAttribute("data-trim"));
        await view.InvokeAsync(() => view.Instance.OnHandleDropped("in", 63.3));
        var address = view.Find("[data-testid=replay]").GetAttribute("data-trim");
        Assert.Equal("7_64_72_61.4_72", address); // snapped to the keyframe at 64; started from the detected 61.4–72

        // The reload: the same highlight opens with the draft, still unsaved, and saving it stores it.
        await DisposeComponentsAsync();
        var again = RenderReplay(startTrim: address);
        Assert.Equal((64, 72), (ValueNow(again, "in"), ValueNow(again, "out")));
        Assert.NotEmpty(again.FindAll("[data-testid=unsaved]"));
        Assert.Equal(address, again.Find("[data-testid=replay]").GetAttribute("data-trim"));
        await again.InvokeAsync(() => again.Find("[data-testid=save-trim]").Click());
        Assert.Equal(new TrimRange(64, 72), Assert.Single(_saves).Range);

        // Another editor saved 50–80 meanwhile, or it is another highlight's draft, or a garbled one: the stored bounds show.
        foreach (var (selected, trim) in new[]
        {
            (Selected() with { TrimStart = 50, TrimEnd = 80 }, address),
            (Selected() with { Id = 8 }, address),
            (Selected(), "7_64_x_61.4_72"),
            (Selected(), "7_64_72"),
        })
        {
            await DisposeComponentsAsync();
            var stale = RenderReplay(startTrim: trim, selected: selected);
            Assert.Equal(selected.EffectiveBounds, (ValueNow(stale, "in"), ValueNow(stale, "out")));
            Assert.Empty(stale.FindAll("[data-testid=unsaved]"));
        }
    }
}
