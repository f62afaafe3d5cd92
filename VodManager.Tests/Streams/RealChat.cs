using System.Text.Json;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Streams;

/// <summary>The real chat logs, and what they say about their broadcast worked out here on our own (JsonDocument), to check the streaming reader against.</summary>
public static class RealChat
{
    public static string Small => Path.Combine(RepoPaths.SharedData, "real", "liihs_vod963184458_v5.json");

    /// <summary>The larger log as committed: gzipped, which the importer recognises by content.</summary>
    public static string LargeGzipped => Path.Combine(RepoPaths.Root, "VodManager.Tests", "Fixtures", "Real", "liihs_vod955629991_v5.json.gz");

    public sealed record Facts(string VodId, string Broadcaster, DateTime StartedAt, double LastOffset, int Comments);

    public static Facts Of(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var comments = document.RootElement.EnumerateArray().ToList();
        var first = comments[0];
        var broadcaster = comments.First(c => c.GetProperty("message").TryGetProperty("user_badges", out var badges)
            && badges.ValueKind == JsonValueKind.Array && badges.EnumerateArray().Any(b => b.GetProperty("_id").GetString() == "broadcaster"));
        return new Facts(
            first.GetProperty("content_id").GetString()!,
            broadcaster.GetProperty("commenter").GetProperty("display_name").GetString()!,
            first.GetProperty("created_at").GetDateTimeOffset().UtcDateTime.AddSeconds(-first.GetProperty("content_offset_seconds").GetDouble()),
            comments.Max(c => c.GetProperty("content_offset_seconds").GetDouble()),
            comments.Count);
    }
}
