namespace VodManager.Core.Ingest;

/// <summary>One chat line as parsed.</summary>
/// <param name="AuthorKey">A stable 64-bit key of the author (id, else login), so counting distinct chatters needs no strings.</param>
/// <param name="AuthorName">Empty in <see cref="ChatReadMode.Signals"/> mode.</param>
/// <param name="Text">Empty in <see cref="ChatReadMode.Signals"/> mode.</param>
/// <param name="Notice">Set when the line is a Twitch system notice (sub, gift, raid) or carries bits.</param>
public readonly record struct ChatRecord(
    double OffsetSeconds,
    ulong AuthorKey,
    string? AuthorId,
    string AuthorName,
    string Text,
    int Emotes,
    int Bits,
    ChatNotice? Notice)
{
    /// <summary>The text's length, first-word key and known emotes (set in both modes).</summary>
    public ChatTextShape Shape { get; init; }

    /// <summary>Written by a well-known bot (<see cref="ChatBots"/>): set in both modes.</summary>
    public bool FromBot { get; init; }
}
