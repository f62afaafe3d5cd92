using VodManager.Core.Detection;
using VodManager.Tests.Ingest;

namespace VodManager.Tests.Detection;

/// <summary>
/// The per-channel refit's cross-validation on real chat (LiiHS's 7.6 h log): decisions that only repeat what the
/// default already ranks keep the default; decisions that go against it are learnt, with the held-out figures showing why.
/// </summary>
public sealed class ChannelRefitTests
{
    private static readonly DetectionOptions Options = new();

    private static async Task<(LabelledChat Agreeing, LabelledChat Contrary)> DecisionsAsync()
    {
        var input = await Detectors.Analyzer().LoadAsync(new AnalyzeFiles(Parsers.RealChat(Parsers.BigRealLog), null, null, null), null, CancellationToken.None);
        var ranked = new HighlightScorer(Microsoft.Extensions.Options.Options.Create(Options)).Score(input, 16).Highlights.Select(h => (h.Start, h.End)).ToList();
        var (top, bottom) = (ranked.Take(8).ToList(), ranked.TakeLast(8).ToList());
        var seconds = (int)Math.Ceiling(input.DurationSeconds);
        return (new LabelledChat(input.Chat!, seconds, top, bottom), new LabelledChat(input.Chat!, seconds, bottom, top));
    }

    [Fact]
    public async Task Decisions_that_agree_with_the_default_keep_the_default()
    {
        var (agreeing, _) = await DecisionsAsync();

        var (model, byDefault, tuned) = ChannelRefit.Fit(ChatModel.Default, [agreeing], Options.Chat, "agreeing editor", DateTimeOffset.UtcNow);

        Assert.Null(model);
        Assert.True(byDefault > 0.7, $"the default ranks its own top over its bottom: {byDefault}");
        Assert.NotNull(tuned);
    }

    [Fact]
    public async Task Decisions_against_the_default_are_learnt_with_the_defaults_features_and_a_channel_delay()
    {
        var (_, contrary) = await DecisionsAsync();

        var (model, byDefault, tuned) = ChannelRefit.Fit(ChatModel.Default, [contrary], Options.Chat, "contrary editor", DateTimeOffset.UtcNow);

        Assert.NotNull(model);
        Assert.True(tuned > byDefault + 0.2, $"held-out agreement: default {byDefault}, tuned {tuned}");
        Assert.Equal(ChatModel.Default.Features, model.Features);
        Assert.InRange(model.DelaySeconds, 0, (int)Options.Chat.MaxLagSeconds);
        Assert.Contains(model.Figures.Penalty, new double?[] { ChatModelTrainer.ChannelPenalty, 10 * ChatModelTrainer.ChannelPenalty });
        Assert.True(ChatModelTrainer.Agreement(model, [contrary], Options.Chat) > ChatModelTrainer.Agreement(ChatModel.Default, [contrary], Options.Chat));
    }
}
