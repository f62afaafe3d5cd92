using System.Text.Json;

namespace VodManager.Testing;

/// <summary>
/// The Lightor labelled Twitch chats, read in place from the repository's sibling `shared/data/lightor` (never copied
/// into the repository); tests and benchmarks that need them skip them when it is absent.
/// </summary>
public static class Lightor
{
    public static string Root => Path.Combine(Path.GetDirectoryName(RepoPaths.Root)!, "shared", "data", "lightor");

    public static bool Present => Directory.Exists(Root);

    public static string Chat(string split, string stream) => Path.Combine(Root, split, stream, "chat.json.gz");

    public static Task<List<(double Start, double End)>> MomentsAsync(string split, string stream) =>
        ReadMomentsAsync(Path.Combine(Root, split, stream), CancellationToken.None);

    /// <summary>The labelled highlight moments (start, end seconds) of the stream in <paramref name="streamFolder"/>.</summary>
    public static async Task<List<(double Start, double End)>> ReadMomentsAsync(string streamFolder, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(Path.Combine(streamFolder, "truth.json"));
        using var json = await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken);
        return json.RootElement.GetProperty("moments").EnumerateArray()
            .Select(m => (m.GetProperty("start").GetDouble(), m.GetProperty("end").GetDouble()))
            .ToList();
    }
}
