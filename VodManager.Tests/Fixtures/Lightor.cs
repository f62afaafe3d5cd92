using System.Text.Json;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// The Lightor labelled Twitch chats, read in place from the repository's sibling `shared/data/lightor` (never copied
/// into the repository); tests that need them use <see cref="LightorFactAttribute"/> and are skipped when it is absent.
/// </summary>
public static class Lightor
{
    public static string Root => Path.Combine(Path.GetDirectoryName(RepoPaths.Root)!, "shared", "data", "lightor");

    public static bool Present => Directory.Exists(Root);

    public static string Chat(string split, string stream) => Path.Combine(Root, split, stream, "chat.json.gz");

    public static async Task<List<(double Start, double End)>> MomentsAsync(string split, string stream)
    {
        await using var file = File.OpenRead(Path.Combine(Root, split, stream, "truth.json"));
        using var json = await JsonDocument.ParseAsync(file);
        return json.RootElement.GetProperty("moments").EnumerateArray()
            .Select(m => (m.GetProperty("start").GetDouble(), m.GetProperty("end").GetDouble()))
            .ToList();
    }
}
