using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>The stream page's detection model panel in Chromium: a tuned channel shown, reverted by an editor, stored.</summary>
[Collection(DemoEditorCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class ChannelModelTests(DemoEditorApp demo) : IAsyncLifetime
{
    private IBrowserContext _context = default!;

    public async Task InitializeAsync() => _context = await Browser.NewSignedInContextAsync(demo.App.BaseUrl);

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task An_editor_sees_the_channels_tuned_model_and_reverts_it_to_the_default()
    {
        var channel = ChannelLearning.Key(demo.Stream.Channel);
        await using (var db = await EditorData.Db(demo.App.Services))
        {
            var tuned = ChatModel.Default with { Weights = [.. ChatModel.Default.Weights.Select(w => w * 1.5)] };
            db.ChannelModels.Add(new ChannelModel
            {
                AccountId = demo.Stream.AccountId, Channel = channel, ModelJson = tuned.ToJson(), Decisions = 24, Positives = 15, Negatives = 9,
                DefaultAgreement = 0.58, TunedAgreement = 0.79, TrainedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var page = await Browser.OpenAsync(_context, demo.StreamUrl);
        var panel = page.GetByTestId("detection-model");
        await Expect(panel.GetByTestId("detected-with")).ToHaveTextAsync("Detected with: default model");
        await Expect(panel.GetByTestId("channel-model")).ToContainTextAsync($"Channel {channel}: tuned on 24 decisions");
        await Expect(panel.GetByTestId("channel-model")).ToContainTextAsync("79% of the time (default model 58%)");
        await panel.ScrollIntoViewIfNeededAsync();
        await panel.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "channel-model-tuned.png") });

        await panel.GetByRole(AriaRole.Button, new() { Name = "Revert to default model" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revert", Exact = true }).ClickAsync();

        await Expect(panel.GetByTestId("channel-model")).ToContainTextAsync($"Channel {channel}: default model; tuned on its editors' decisions after 20 more");
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Revert to default model" })).ToHaveCountAsync(0);
        await panel.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "channel-model-reverted.png") });
        await using var check = await EditorData.Db(demo.App.Services);
        var row = await check.ChannelModels.AsNoTracking().SingleAsync(m => m.AccountId == demo.Stream.AccountId && m.Channel == channel);
        Assert.Null(row.ModelJson);
        Assert.NotNull(row.RevertedBy);
    }
}
