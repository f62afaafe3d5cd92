using System.IO.Compression;
using System.Text.Json.Nodes;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;

namespace VodManager.Benchmarks;

/// <summary>
/// A real stream with human-labelled highlight moments, from the Lightor data in the repository's sibling
/// `shared/data/lightor` (read in place, never copied into the repository).
/// </summary>
/// <param name="Channel">The streamer when the folder names one ("sing_sing-past"), else null.</param>
/// <param name="Chat">The chat file read (a rewritten copy when the original had lines before the start).</param>
internal sealed record LabelledStream(string Split, string Name, string? Channel, string Chat, DetectionInput Input, IReadOnlyList<(double Start, double End)> Moments)
{
    /// <summary>The Lightor folder, or null when the shared data is not beside the repository.</summary>
    public static string? Root() => Lightor.Present ? Lightor.Root : null;

    /// <param name="scratch">Where a chat with lines before the stream's start is rewritten without them (the importer refuses those).</param>
    public static async Task<List<LabelledStream>> LoadAsync(FileAnalyzer analyzer, string root, string split, string scratch, CancellationToken cancellationToken)
    {
        var streams = new List<LabelledStream>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(root, split)).Order(StringComparer.Ordinal))
        {
            var chat = Path.Combine(folder, "chat.json.gz");
            DetectionInput input;
            try
            {
                input = await analyzer.LoadAsync(new AnalyzeFiles(chat, null, null, null), null, cancellationToken);
            }
            catch (IngestException e) when (e.Message.Contains("content_offset_seconds -", StringComparison.Ordinal))
            {
                chat = await WithoutNegativeOffsetsAsync(chat, scratch, cancellationToken);
                input = await analyzer.LoadAsync(new AnalyzeFiles(chat, null, null, null), null, cancellationToken);
            }

            var moments = await Lightor.ReadMomentsAsync(folder, cancellationToken);
            var name = Path.GetFileName(folder);
            var dash = name.IndexOf('-');
            var channel = dash > 0 && !name[..dash].All(char.IsDigit) ? name[..dash] : null;
            streams.Add(new LabelledStream(split, name, channel, chat, input, moments));
        }

        return streams;
    }

    private static async Task<string> WithoutNegativeOffsetsAsync(string chat, string scratch, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(scratch);
        JsonNode root;
        await using (var gzip = new GZipStream(File.OpenRead(chat), CompressionMode.Decompress))
        {
            root = (await JsonNode.ParseAsync(gzip, cancellationToken: cancellationToken))!;
        }

        var comments = root["comments"]!.AsArray();
        foreach (var early in comments.Where(c => c!["content_offset_seconds"]!.GetValue<double>() < 0).ToList())
        {
            comments.Remove(early);
        }

        var path = Path.Combine(scratch, $"{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, root.ToJsonString(), cancellationToken);
        Console.Error.WriteLine($"{chat}: lines before the stream's start left out");
        return path;
    }
}
