using VodManager.Core.Detection;
using VodManager.Core.Ingest;

namespace VodManager.Benchmarks;

/// <summary>
/// A real stream with human-labelled highlight moments, from the Lightor data in the repository's sibling
/// `shared/data/lightor` (read in place, never copied into the repository).
/// </summary>
/// <param name="Channel">The streamer when the folder names one ("sing_sing-past"), else null.</param>
/// <param name="Chat">The chat file, read in place.</param>
internal sealed record LabelledStream(string Split, string Name, string? Channel, string Chat, DetectionInput Input, IReadOnlyList<(double Start, double End)> Moments)
{
    /// <summary>The Lightor folder, or null when the shared data is not beside the repository.</summary>
    public static string? Root() => Lightor.Present ? Lightor.Root : null;

    public static async Task<List<LabelledStream>> LoadAsync(FileAnalyzer analyzer, string root, string split, CancellationToken cancellationToken)
    {
        var streams = new List<LabelledStream>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(root, split)).Order(StringComparer.Ordinal))
        {
            var chat = new[] { "chat.json.gz", "chat.json" }.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException($"{folder} has no chat.json.gz or chat.json (a labelled stream's folder holds its chat and truth.json)");
            var input = await analyzer.LoadAsync(new AnalyzeFiles(chat, null, null, null), null, cancellationToken);
            var moments = await Lightor.ReadMomentsAsync(folder, cancellationToken);
            var name = Path.GetFileName(folder);
            var dash = name.IndexOf('-');
            var channel = dash > 0 && !name[..dash].All(char.IsDigit) ? name[..dash] : null;
            streams.Add(new LabelledStream(split, name, channel, chat, input, moments));
        }

        return streams;
    }
}
