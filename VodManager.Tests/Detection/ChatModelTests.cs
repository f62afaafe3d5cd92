using VodManager.Core.Detection;

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

    [Theory]
    [InlineData("\"level\", \"volume\"")]
    [InlineData("\"level\", \"level\"")]
    public void Unknown_or_repeated_features_are_refused_by_name(string features)
    {
        var error = Assert.Throws<InvalidDataException>(() => ChatModel.Parse(Json(features, "1, 1")));

        Assert.Contains("level, recent, rise, length, repeats, emotes, lines, burst", error.Message);
    }
}
