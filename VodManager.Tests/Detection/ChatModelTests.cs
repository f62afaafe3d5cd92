using VodManager.Core.Detection;
using VodManager.Core.Ingest;

namespace VodManager.Tests.Detection;

/// <summary>A chat model names the features it uses (any subset of <see cref="ChatFeatures.Names"/>); anything else is refused.</summary>
public sealed class ChatModelTests
{
    private static string Json(string features, string weights) => $$"""
        {"windowSeconds": 20, "delaySeconds": 5, "features": [{{features}}], "mean": [0, 0], "scale": [1, 1], "weights": [{{weights}}], "bias": -1,
         "figures": {"trainedOn": "test", "examples": 1, "positives": 1, "trainedAt": "2026-01-01T00:00:00Z"} }
        """;

    [Fact]
    public void A_model_over_a_subset_of_features_reads_those_columns()
    {
        var model = ChatModel.Parse(Json("\"lines\", \"level\"", "2, 0"));
        var options = new ChatOptions();
        var chat = new ChatActivity(options);
        for (var s = 0; s < 600; s++)
        {
            // One line every ten seconds, then a burst of forty lines from ten chatters at 300 s.
            chat.Add(s, (ulong)(s % 7) + 1, 0, default);
            if (s % 10 == 0 || (s >= 300 && s < 304))
            {
                for (var k = 0; k < 10; k++)
                {
                    chat.Add(s + 0.5, (ulong)(100 + k), 0, default);
                }
            }
        }

        var features = ChatFeatures.Compute(chat, 600, 20, 5, options);

        Assert.Equal(-1 + 2 * features[ChatFeatures.Column("lines"), 295], model.LogOdds(features, 295), 6);
        Assert.Equal(["lines", "level"], model.Features);
        Assert.Equal(model.Features, ChatModel.Parse(model.ToJson()).Features);
    }

    [Fact]
    public void Stumps_add_to_the_lines_log_odds_survive_json_and_explain_the_feature_they_push()
    {
        var line = ChatModel.Parse(Json("\"lines\", \"level\"", "2, 0"));
        var features = ChatFeatures.Compute(Burst(), 600, 20, 5, new ChatOptions());
        var (quiet, busy) = (100, 295);
        var (low, high) = (features[ChatFeatures.Column("level"), quiet], features[ChatFeatures.Column("level"), busy]);
        Assert.True(high > low);
        var model = ChatModel.Parse((line with { Stumps = [new ChatStump("level", (low + high) / 2, -0.5, 1.5)] }).ToJson());

        Assert.Equal(line.LogOdds(features, busy) + 1.5, model.LogOdds(features, busy), 6);
        Assert.Equal(line.LogOdds(features, quiet) - 0.5, model.LogOdds(features, quiet), 6);
        Assert.Contains("the stream's chatters", model.Explain(features, busy));
        Assert.DoesNotContain("the stream's chatters", line.Explain(features, busy));
        Assert.DoesNotContain("stumps", line.ToJson());
    }

    [Fact]
    public void A_share_that_pushed_is_explained_against_the_streams_own_in_words()
    {
        // A chat that always emotes, then a burst of plain words at 300 s: fewer emote lines than usual is what pushed.
        var options = new ChatOptions();
        var chat = new ChatActivity(options);
        for (var s = 0; s < 600; s++)
        {
            var burst = s is >= 300 and < 304;
            for (var k = 0; k < (burst ? 10 : 1); k++)
            {
                chat.Add(s + 0.1 * k, (ulong)(burst ? 100 + k : s % 7 + 1), burst ? 0 : 1, new ChatTextShape(10, (ulong)(s * 10 + k), burst ? 0 : 1));
            }
        }

        var features = ChatFeatures.Compute(chat, 600, 20, 5, options);
        var model = ChatModel.Parse(Json("\"emotes\", \"level\"", "-2, 0"));

        Assert.Matches(@"^\d+ points fewer emote lines than usual$", model.Explain(features, 295));
    }

    [Fact]
    public void A_stump_on_a_feature_the_model_does_not_use_is_refused()
    {
        var line = ChatModel.Parse(Json("\"lines\", \"level\"", "2, 0"));
        var json = (line with { Stumps = [new ChatStump("rise", 0, 0, 1)] }).ToJson();

        var error = Assert.Throws<InvalidDataException>(() => ChatModel.Parse(json));

        Assert.Contains("stumps only on those features", error.Message);
    }

    [Fact]
    public void Boosting_learns_what_a_line_cannot_and_a_refit_keeps_the_stumps()
    {
        // Right only in a band of one feature: no line in that feature separates it, stumps on either side do.
        var examples = Enumerable.Range(0, 2000)
            .Select(i => (Features: ChatFeatures.Names.Select((_, f) => f == 0 ? i / 1000.0 - 1 : 0.0).ToArray(), Positive: i is >= 900 and < 1100))
            .ToList();
        var figures = new ChatModelFigures("test", examples.Count, 200, null, null, DateTimeOffset.UnixEpoch);
        var line = ChatModelTrainer.Fit(examples, ["level", "recent"], 20, 5, null, 0.001, figures);
        var boosted = ChatModelTrainer.Boost(line, examples, rounds: 40, shrinkage: 0.3, leafPenalty: 1);

        double At(ChatModel m, double level) => m.LogOdds(ChatFeatures.Names.Select((_, f) => f == 0 ? level : 0.0).ToArray());
        Assert.True(Math.Abs(At(line, 0) - At(line, -0.8)) < 0.5, "a line is nearly flat across a band");
        Assert.True(At(boosted, 0) > At(boosted, -0.8) + 2 && At(boosted, 0) > At(boosted, 0.8) + 2, "stumps rise inside the band");
        Assert.All(boosted.Stumps!, t => Assert.Equal("level", t.Feature));

        var refit = ChatModelTrainer.Fit(examples, ["level", "recent"], 20, 5, boosted, 0.01, figures);
        Assert.Equal(boosted.Stumps, refit.Stumps);
        Assert.True(At(refit, 0) > At(refit, -0.8) + 2, "the refitted line keeps the stumps' band");
    }

    [Theory]
    [InlineData("\"level\", \"volume\"")]
    [InlineData("\"level\", \"level\"")]
    public void Unknown_or_repeated_features_are_refused_by_name(string features)
    {
        var error = Assert.Throws<InvalidDataException>(() => ChatModel.Parse(Json(features, "1, 1")));

        Assert.Contains("level, recent, rise, length, repeats, emotes, lines, burst", error.Message);
    }

    /// <summary>A line every five seconds from a few regulars, and thirty new chatters at 300–304 s.</summary>
    private static ChatActivity Burst()
    {
        var chat = new ChatActivity(new ChatOptions());
        for (var s = 0; s < 600; s += 5)
        {
            chat.Add(s, (ulong)(s % 3) + 1, 0, default);
        }

        for (var k = 0; k < 30; k++)
        {
            chat.Add(300 + k / 8.0, (ulong)(100 + k), 0, default);
        }

        return chat;
    }
}
