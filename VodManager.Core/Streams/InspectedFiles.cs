namespace VodManager.Core.Streams;

/// <summary>
/// A new stream's files, each checked whole by <see cref="NewStreamService.InspectAsync"/>, and what they say about
/// the stream: creating the stream from it reads none of them again. Only the inspection makes one.
/// </summary>
public sealed class InspectedFiles
{
    internal InspectedFiles(NewStreamFiles files, StreamMetadata said)
    {
        Files = files;
        Said = said;
    }

    public NewStreamFiles Files { get; }

    /// <summary>Title, channel, start and length as the files say them (the video's length over the chat's).</summary>
    public StreamMetadata Said { get; }
}
