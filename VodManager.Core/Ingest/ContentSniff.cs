using System.Text.Json;

namespace VodManager.Core.Ingest;

/// <summary>What a data file is, from its first bytes: the parsers pick their format by content, not by name.</summary>
public static class ContentSniff
{
    /// <summary>How much of a file the parsers look at before choosing how to read it.</summary>
    public const int Bytes = 4096;

    /// <summary>Index of the first byte that is not a UTF-8 BOM or whitespace, or -1.</summary>
    public static int FirstSignificant(ReadOnlySpan<byte> head)
    {
        var i = head.StartsWith("\uFEFF"u8) ? 3 : 0;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i < head.Length ? i : -1;
    }

    /// <summary>
    /// Whisper's JSON: openai-whisper writes <c>{"text":…,"segments":[…],"language":…}</c>, WhisperX
    /// <c>{"segments":[…],"word_segments":[…]}</c>, whisper.cpp's <c>-oj</c> <c>{"systeminfo":…,"model":…,
    /// "transcription":[…]}</c>. TwitchDownloader's chat starts with "FileInfo", "streamer", "video" or "comments", so
    /// the root object's first property tells them apart.
    /// </summary>
    public static bool IsTranscriptJson(ReadOnlySpan<byte> head)
    {
        var first = FirstSignificant(head);
        if (first < 0 || head[first] != (byte)'{')
        {
            return false;
        }

        var reader = new Utf8JsonReader(head[first..], isFinalBlock: false, state: default);
        try
        {
            return reader.Read() && reader.Read() && reader.TokenType == JsonTokenType.PropertyName
                   && (reader.ValueTextEquals("segments"u8) || reader.ValueTextEquals("text"u8)
                       || reader.ValueTextEquals("systeminfo"u8) || reader.ValueTextEquals("transcription"u8));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// <see cref="IsTranscriptJson(ReadOnlySpan{byte})"/> of a file on disk, read as the parsers read it (gzip, UTF-16).
    /// A file that cannot be read that far is not called a transcript: its import then says what is wrong with it.
    /// </summary>
    public static async Task<bool> IsTranscriptJsonAsync(string path, IngestOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await using var input = await IngestInput.OpenAsync(path, options, cancellationToken);
            return IsTranscriptJson(await HeadAsync(input.Content, cancellationToken));
        }
        catch (IngestException)
        {
            return false;
        }
    }

    /// <summary>The first <see cref="Bytes"/> of a stream (fewer when it is shorter), which a parser then reads on from.</summary>
    public static async Task<ArraySegment<byte>> HeadAsync(Stream content, CancellationToken cancellationToken)
    {
        var head = new byte[Bytes];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return new ArraySegment<byte>(head, 0, read);
    }
}
