namespace VodManager.Core.Streams;

/// <summary>Everything deleting a stream removes, for the confirmation and for the record afterwards.</summary>
public sealed record StreamDeletion(
    int StreamId,
    string Title,
    int Sources,
    int Clips,
    int Exports,
    int BrowserCopies,
    long Bytes,
    int ChatMessages,
    int Events,
    int TranscriptSegments,
    int Highlights)
{
    /// <summary>"1 source video, 3 clips, 2,409 chat messages, …": only what there is.</summary>
    public string Describe()
    {
        var parts = new[]
            {
                (Sources, "video"), (Clips, "clip"), (Exports, "export"), (BrowserCopies, "browser copy"), (ChatMessages, "chat message"),
                (Events, "event"), (TranscriptSegments, "transcript line"), (Highlights, "highlight"),
            }
            .Where(p => p.Item1 > 0)
            .Select(p => $"{p.Item1:N0} {(p.Item1 == 1 ? p.Item2 : Plural(p.Item2))}")
            .ToList();
        return parts.Count == 0 ? "nothing but the stream itself" : string.Join(", ", parts);
    }

    private static string Plural(string noun) => noun.EndsWith('y') ? noun[..^1] + "ies" : noun + "s";
}
