using Bunit;
using VodManager.Core.Detection;
using VodManager.Core.Streams;
using VodManager.Web.Components;
using VodManager.Web.Components.Overview;

namespace VodManager.Tests.Ui.Overview;

/// <summary>The stream page's detection model panel: which model detected the stream, the channel's, and the revert.</summary>
public sealed class ChannelModelPanelTests : UiTest
{
    private static readonly DateTime Trained = new(2026, 12, 2, 7, 30, 0, DateTimeKind.Utc);

    private static StreamSummary Stream(int? decisions) =>
        new(1, "Finals", "LiiHS", Trained.AddDays(-1), 3600, null, Trained, false, false, Trained.AddHours(1), 10, 0, decisions, decisions is null ? null : Trained);

    private static ChannelModelStatus Status(bool tuned) => new("liihs", tuned, 24, tuned ? Trained : null, tuned ? 30 : 24, 20, tuned ? 0.55 : null, tuned ? 0.83 : null);

    private IRenderedComponent<ChannelModelPanel> Panel(int? decisions, bool tuned, bool canEdit, Action? revert = null) =>
        Render<ChannelModelPanel>(p => p
            .Add(c => c.Stream, Stream(decisions))
            .Add(c => c.Status, Status(tuned))
            .Add(c => c.CanEdit, canEdit)
            .Add(c => c.OnRevert, () => revert?.Invoke()));

    [Fact]
    public void A_stream_detected_by_a_tuned_model_says_on_how_many_decisions_and_when()
    {
        var panel = Panel(24, tuned: true, canEdit: true);

        Assert.Equal($"Detected with: tuned on 24 decisions, {new EditorTimeZone().Date(Trained)}", panel.Find("[data-testid=detected-with]").TextContent.Trim());
        var channel = panel.Find("[data-testid=channel-model]").TextContent;
        Assert.Contains($"Channel LiiHS: tuned on 24 decisions, {new EditorTimeZone().Date(Trained)}", channel);
        Assert.Contains("83%", channel);
        Assert.Contains("default model 55%", channel);
    }

    [Fact]
    public void The_default_model_says_how_many_decisions_until_the_channel_is_tuned()
    {
        var panel = Panel(null, tuned: false, canEdit: true);

        Assert.Equal("Detected with: default model", panel.Find("[data-testid=detected-with]").TextContent.Trim());
        Assert.Contains("Channel LiiHS: default model; tuned on its editors' decisions after 20 more", panel.Find("[data-testid=channel-model]").TextContent);
        Assert.Empty(panel.FindAll("[data-testid=revert-model]"));
    }

    [Fact]
    public void Editors_can_revert_a_tuned_channel_and_viewers_cannot()
    {
        var reverted = 0;
        var editor = Panel(24, tuned: true, canEdit: true, () => reverted++);

        editor.Find("[data-testid=revert-model]").Click();

        Assert.Equal(1, reverted);
        Assert.Empty(Panel(24, tuned: true, canEdit: false).FindAll("[data-testid=revert-model]"));
    }
}
