using System.Globalization;
using System.Text.Json.Nodes;
using VodManager.Core.Detection;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Ingest;

namespace VodManager.Tests.Detection;

/// <summary>
/// Chat commands and bots are no reaction: a giveaway that has the whole chat type "!enter" is the busiest, shortest,
/// most repeated chat of a stream, everything the chat model reads as a highlight, and a bot's timers and replies are
/// nobody watching. Both are left out of what detection reads, on real chat.
/// </summary>
public sealed class NotReactionsTests : IDisposable
{
    private readonly TempFolder _folder = new("not-reactions");

    [Fact]
    public async Task A_giveaways_wall_of_commands_in_real_chat_changes_no_highlight()
    {
        var real = Parsers.RealChat(Parsers.BigRealLog);
        var comments = JsonNode.Parse(await File.ReadAllTextAsync(real))!.AsArray();
        var template = comments[0]!;

        // 80 viewers enter a giveaway within 25 s of a quiet stretch (~5,000 s, 4-8 lines a minute).
        const double Giveaway = 5000;
        var entries = Enumerable.Range(0, 80).Select(i =>
        {
            var entry = template.DeepClone();
            entry["_id"] = $"giveaway-{i}";
            entry["content_offset_seconds"] = Giveaway + i * 25.0 / 80;
            entry["commenter"]!["_id"] = (900000 + i).ToString(CultureInfo.InvariantCulture);
            entry["commenter"]!["name"] = $"viewer{i}";
            entry["commenter"]!["display_name"] = $"Viewer{i}";
            var body = i % 3 == 0 ? "!enter" : "!join";
            entry["message"]!["body"] = body;
            entry["message"]!["fragments"] = new JsonArray(new JsonObject { ["text"] = body });
            entry["message"]!["user_badges"] = new JsonArray();
            return entry;
        });
        var withGiveaway = new JsonArray([.. comments.Select(c => c!.DeepClone()).Concat(entries).OrderBy(c => c!["content_offset_seconds"]!.GetValue<double>())]);
        var file = _folder.File("with-giveaway.json");
        await File.WriteAllTextAsync(file, withGiveaway.ToJsonString());

        var analyzer = Detectors.Analyzer();
        var plain = await analyzer.AnalyzeAsync(new AnalyzeFiles(real, null, null, null), 10, null, CancellationToken.None);
        var giveaway = await analyzer.AnalyzeAsync(new AnalyzeFiles(file, null, null, null), 10, null, CancellationToken.None);

        Assert.DoesNotContain(giveaway.Highlights, h => h.Start < Giveaway + 25 && h.End > Giveaway);
        Assert.Equal(plain.Highlights.Select(h => (h.Start, h.End, h.Score, h.Weak)), giveaway.Highlights.Select(h => (h.Start, h.End, h.Score, h.Weak)));
    }

    [Fact]
    public async Task The_bots_in_real_chat_change_no_highlight()
    {
        var real = Parsers.RealChat(Parsers.BigRealLog);
        var comments = JsonNode.Parse(await File.ReadAllTextAsync(real))!.AsArray();

        // LiiHS's chat has StreamElements' and Nightbot's timers and replies (66 of its 2,409 lines).
        var people = new JsonArray([.. comments.Where(c => c!["commenter"]!["name"]!.GetValue<string>() is not ("streamelements" or "nightbot")).Select(c => c!.DeepClone())]);
        Assert.Equal(comments.Count - 66, people.Count);
        var file = _folder.File("without-bots.json");
        await File.WriteAllTextAsync(file, people.ToJsonString());

        var analyzer = Detectors.Analyzer();
        var withBots = await analyzer.AnalyzeAsync(new AnalyzeFiles(real, null, null, null), 10, null, CancellationToken.None);
        var withoutBots = await analyzer.AnalyzeAsync(new AnalyzeFiles(file, null, null, null), 10, null, CancellationToken.None);

        Assert.Equal(withoutBots.Highlights.Select(h => (h.Start, h.End, h.Score, h.Weak)), withBots.Highlights.Select(h => (h.Start, h.End, h.Score, h.Weak)));
    }

    public void Dispose() => _folder.Dispose();
}
