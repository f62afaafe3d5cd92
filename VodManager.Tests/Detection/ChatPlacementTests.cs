using Microsoft.Extensions.Options;
using VodManager.Core.Detection;
using VodManager.Tests.Ingest;
using Xunit.Abstractions;

namespace VodManager.Tests.Detection;

/// <summary>
/// Where a chat-only highlight starts, on a real excerpt: 20 minutes of LiiHS's stream around the laughing burst
/// (first voice "KEKW" at 15,910.7 s, eleven chatters in twenty seconds, after "he double dares you" at 15,892.7 s).
/// The moment comes before chat reacts, so the highlight starts before the burst, by the chat lag at least, and its
/// clip still holds the reaction.
/// </summary>
public sealed class ChatPlacementTests(ITestOutputHelper output)
{
    private const double From = 15300;
    private const double FirstVoice = 15910.7 - From;

    [Fact]
    public async Task A_chat_highlight_starts_before_the_reaction_by_the_lag_and_its_clip_holds_the_reaction()
    {
        var chat = await RealChatExcerpt.LoadAsync(Parsers.BigRealLog, From, 1200);
        var options = new DetectionOptions();
        var model = ChatModel.Default;

        var outcome = new HighlightScorer(Options.Create(options)).Score(new DetectionInput(chat, [], [], null, chat.LastOffset), 3);
        foreach (var h in outcome.Highlights)
        {
            output.WriteLine($"#{h.Rank} {h.Start:0.0}-{h.End:0.0} {h.Score:0.00} weak {h.Weak} {h.Explanation}");
        }

        var top = outcome.Highlights[0];
        Assert.False(top.Weak);
        Assert.InRange(top.Start, FirstVoice - model.DelaySeconds - model.WindowSeconds - options.PreRollSeconds, FirstVoice - model.DelaySeconds);
        Assert.True(top.End >= FirstVoice + 10, $"the clip ends at {top.End:0.0}, before the reaction's first ten seconds ({FirstVoice:0.0}–{FirstVoice + 10:0.0})");
        Assert.InRange(top.End - top.Start, options.MinLengthSeconds, options.MaxLengthSeconds);
        Assert.Contains($"chat lag {model.DelaySeconds} s", top.Explanation);
    }
}
