using VodManager.Core.Detection;
using VodManager.Tests.Ingest;

namespace VodManager.Tests.Detection;

/// <summary>
/// The ranked list is always as long as asked on real chat: N highlights that do not overlap and start at least
/// <see cref="DetectionOptions.SeparationSeconds"/> apart, ranked by score, each with a confidence, the weak ones
/// marked instead of dropped; fewer only when the stream cannot hold N.
/// </summary>
public sealed class AlwaysTopNTests
{
    private static readonly DetectionOptions Options = new();

    private static DetectionOutcome Score(ChatActivity chat, double seconds, int topN) =>
        new HighlightScorer(Microsoft.Extensions.Options.Options.Create(Options)).Score(new DetectionInput(chat, [], [], null, seconds), topN);

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(25)]
    public async Task Sparse_real_chat_gives_exactly_N_separated_ranked_highlights(int topN)
    {
        var chat = await RealChatExcerpt.LoadAsync(Parsers.BigRealLog);

        var highlights = Score(chat, chat.LastOffset, topN).Highlights;

        Assert.Equal(topN, highlights.Count);
        Assert.Equal(Enumerable.Range(1, topN), highlights.Select(h => h.Rank));
        AssertApart(highlights, Options.SeparationSeconds);

        Assert.All(highlights, h => Assert.InRange(h.Confidence, 0, 1));
        Assert.All(highlights, h => Assert.InRange(h.End - h.Start, Options.MinLengthSeconds - 0.01, Options.MaxLengthSeconds + 0.01));
    }

    [Fact]
    public async Task Weak_candidates_fill_the_list_marked_as_weak_with_a_lower_confidence()
    {
        var chat = await RealChatExcerpt.LoadAsync(Parsers.BigRealLog);

        var highlights = Score(chat, chat.LastOffset, 100).Highlights;

        var weak = highlights.Where(h => h.Weak).ToList();
        var confident = highlights.Where(h => !h.Weak).ToList();
        Assert.NotEmpty(weak);
        Assert.NotEmpty(confident);
        Assert.All(weak, h => Assert.StartsWith("weak: ", h.Explanation));
        Assert.All(weak, h => Assert.True(h.Confidence <= Options.Chat.StrongProbability, $"weak #{h.Rank} has confidence {h.Confidence}"));
        Assert.All(confident, h => Assert.DoesNotContain("weak", h.Explanation));
        Assert.True(confident.Min(h => h.Confidence) >= weak.Max(h => h.Confidence), "a confident highlight is less sure than a weak one");
        Assert.Equal(confident.Count, highlights.TakeWhile(h => !h.Weak).Count());
    }

    [Fact]
    public async Task A_ten_minute_stream_still_holds_ten_closer_together()
    {
        var chat = await RealChatExcerpt.LoadAsync(Parsers.BigRealLog, from: 15600, length: 600);

        var highlights = Score(chat, 600, 10).Highlights;

        Assert.Equal(10, highlights.Count);
        AssertApart(highlights, 600 / (2.0 * 10));
    }

    [Fact]
    public async Task A_stream_too_short_for_N_gives_as_many_as_fit_without_overlap()
    {
        var chat = await RealChatExcerpt.LoadAsync(Parsers.BigRealLog, from: 15880, length: 90);

        var highlights = Score(chat, 90, 10).Highlights;

        var fit = (int)(90 / Options.MinLengthSeconds);
        Assert.InRange(highlights.Count, 1, fit);
        AssertApart(highlights, 0);

        Assert.All(highlights, h => Assert.InRange(h.Start, 0, 90));
        Assert.All(highlights, h => Assert.InRange(h.End, 0, 90));
    }

    /// <summary>No two highlights overlap, and their starts are at least <paramref name="separation"/> apart.</summary>
    private static void AssertApart(IReadOnlyList<DetectedHighlight> highlights, double separation)
    {
        var byStart = highlights.OrderBy(h => h.Start).ToList();
        for (var i = 1; i < byStart.Count; i++)
        {
            Assert.True(byStart[i].Start - byStart[i - 1].Start >= separation - 1e-6, $"{byStart[i - 1].Start} and {byStart[i].Start} are closer than {separation} s");
            Assert.True(byStart[i - 1].End <= byStart[i].Start, $"{byStart[i - 1].Start}-{byStart[i - 1].End} overlaps {byStart[i].Start}");
        }
    }
}
