using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace VodManager.Core.Ingest;

/// <summary>
/// Reads any chat log the product accepts, picking the format from the content (not the file name): TwitchDownloader
/// JSON (object or root array, plain or gzip), chat-downloader's JSON of a VOD's chat, yt-dlp's YouTube chat
/// (<c>.live_chat.json</c>, a JSON action per line), or a plain
/// <c>[hh:mm:ss] user: text</c> log (also with UTC times, as TwitchDownloader's text export writes them). Streams batches of lines;
/// a bad file throws <see cref="IngestException"/> and nothing else.
/// </summary>
public sealed class ChatLogParser(IOptions<IngestOptions> options)
{
    /// <param name="clockStart">The stream's start (UTC), which a log stamped with UTC times (or a live capture's JSON) counts from; null: its first line.</param>
    public IAsyncEnumerable<List<ChatRecord>> ReadAsync(IngestInput input, ChatReadMode mode, DateTime? clockStart, CancellationToken cancellationToken) =>
        ReadAsync(input, mode, clockStart, metadata: null, cancellationToken);

    /// <param name="clockStart">The stream's start (UTC), which a log stamped with UTC times (or a live capture's JSON) counts from; null: its first line.</param>
    /// <param name="metadata">Gathers what the chat says about its broadcast on the same pass.</param>
    internal async IAsyncEnumerable<List<ChatRecord>> ReadAsync(
        IngestInput input, ChatReadMode mode, DateTime? clockStart, ChatMetadataScan? metadata, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var head = await ContentSniff.HeadAsync(input.Content, cancellationToken);
        var first = ContentSniff.FirstSignificant(head);
        if (first < 0)
        {
            throw new IngestException(input.Name, head.Count < ContentSniff.Bytes ? "the file holds only blank space" : $"the file starts with more than {ContentSniff.Bytes} bytes of blank space: not a chat log");
        }

        if (ContentSniff.IsTranscriptJson(head))
        {
            throw new IngestException(input.Name, "this is a Whisper JSON transcript, not a chat log: import it as the stream's transcript");
        }

        var json = IsJson(head.AsSpan(first));
        var batches = json && YouTubeLiveChatParser.Recognises(head.AsSpan(first))
            ? new YouTubeLiveChatParser(Lines(input, head), input.Name, mode, clockStart, metadata).ReadAsync(cancellationToken)
            : json
            ? new TwitchChatJsonParser(input.Content, input.Name, options.Value, mode, head.AsSpan(first), metadata, clockStart).ReadAsync(cancellationToken)
            : new PlainChatLogParser(Lines(input, head), input.Name, mode, clockStart, metadata).ReadAsync(cancellationToken);
        var any = false;
        await foreach (var batch in batches)
        {
            any = true;
            yield return batch;
        }

        if (!any && !json)
        {
            throw new IngestException(input.Name, "no chat lines found");
        }
    }

    private LineReader Lines(IngestInput input, ArraySegment<byte> head) => new(input.Content, input.Name, options.Value.MaxLineBytes, head);

    /// <summary>An object, or an array whose first element is an object or that is empty; "[00:01:02] user: hi" is a plain log.</summary>
    private static bool IsJson(ReadOnlySpan<byte> head)
    {
        if (head[0] == (byte)'{')
        {
            return true;
        }

        if (head[0] != (byte)'[')
        {
            return false;
        }

        var next = ContentSniff.FirstSignificant(head[1..]);
        return next < 0 || head[1 + next] is not ((byte)'0' or (byte)'1' or (byte)'2' or (byte)'3' or (byte)'4' or (byte)'5' or (byte)'6' or (byte)'7' or (byte)'8' or (byte)'9');
    }
}
