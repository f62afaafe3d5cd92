using System.Numerics;
using System.Runtime.InteropServices;

namespace VodManager.Core.Ingest;

/// <summary>
/// What detection needs of a chat line's text, without keeping the text: its length in characters outside known
/// emotes (reactions are short: "PogChamp PogChamp" says no more than "Pog"), a key of
/// its first word (lower-cased, a stretched ending folded: "LULLL" is "lul"), so a chat repeating itself shows, and
/// how many of its words are well-known emotes (exports without emote fragments still say "PogChamp"), and whether it
/// is a chat command ("!enter", "!rank": a bot's business, no reaction to the stream; "!!!" is one).
/// </summary>
public readonly record struct ChatTextShape(int Length, ulong Key, int Emotes, bool Command = false)
{
    private const int MaxLength = 200;
    private const int MaxWord = 32;

    private static readonly HashSet<ulong> KnownEmotes =
    [
        .. new[]
        {
            "pogchamp", "pog", "pogu", "poggers", "kappa", "kappapride", "keepo", "lul", "lulw", "omegalul", "kekw", "4head",
            "biblethump", "wutface", "residentsleeper", "kreygasm", "feelsbadman", "feelsgoodman", "monkas", "monkaw",
            "pepehands", "jebaited", "trihard", "smorc", "dansgame", "notlikethis", "elegiggle", "seemsgood", "vohiyo",
            "babyrage", "failfish", "minglee", "cmonbruh", "hahaa", "gachigasm", "ez", "clap", "pepelaugh", "kkona",
            "bloodtrail", "swiftrage", "pjsalt", "kappaross", "catjam", "pepega", "sadge", "copium", "lol", "xd",
        }.Select(w => WordKey(w.AsSpan())),
    ];

    public static ChatTextShape Of(ReadOnlySpan<char> text) => Scan(text.Trim());

    /// <summary>
    /// The same from a JSON string's raw UTF-8 (unescaped), looking only at its first few hundred bytes. Most chat is
    /// ASCII: its bytes are read as they are (the keys come out the same as from the decoded text); anything else is
    /// decoded first.
    /// </summary>
    public static ChatTextShape Of(ReadOnlySpan<byte> utf8)
    {
        var head = utf8[..Math.Min(utf8.Length, MaxLength * 2)];
        if (System.Text.Ascii.IsValid(head))
        {
            return Scan(head.Trim(" \t\n\v\f\r"u8));
        }

        Span<char> chars = stackalloc char[MaxLength * 2];
        var count = System.Text.Encoding.UTF8.GetChars(head, chars);
        return Of(chars[..count]);
    }

    /// <param name="text">Trimmed text: UTF-16 chars, or bytes that are all ASCII.</param>
    private static ChatTextShape Scan<T>(ReadOnlySpan<T> text)
        where T : unmanaged, IBinaryInteger<T>
    {
        var space = T.CreateTruncating(' ');
        var command = text.Length > 1 && text[0] == T.CreateTruncating('!') && char.IsAsciiLetterOrDigit((char)ushort.CreateTruncating(text[1]));
        ulong first = 0;
        var emotes = 0;
        var length = 0;
        var rest = text;
        while (!rest.IsEmpty)
        {
            var at = rest.IndexOf(space);
            var word = at < 0 ? rest : rest[..at];
            rest = at < 0 ? default : rest[(at + 1)..];
            if (word.IsEmpty)
            {
                continue;
            }

            var key = typeof(T) == typeof(byte) ? AsciiWordKey(MemoryMarshal.Cast<T, byte>(word)) : WordKey(MemoryMarshal.Cast<T, char>(word));
            first = first == 0 ? key : first;
            var isEmote = KnownEmotes.Contains(key);
            emotes += isEmote ? 1 : 0;
            length += isEmote ? 0 : word.Length + (length > 0 ? 1 : 0);
        }

        return new ChatTextShape(Math.Min(length, MaxLength), first, emotes, command);
    }

    private static ulong WordKey(ReadOnlySpan<char> word)
    {
        word = word[..Math.Min(word.Length, MaxWord)];
        var end = word.Length;
        while (end > 2 && char.ToLowerInvariant(word[end - 1]) == char.ToLowerInvariant(word[end - 2]))
        {
            end--;
        }

        Span<char> lower = stackalloc char[MaxWord];
        var length = word[..end].ToLowerInvariant(lower);
        return AuthorKeys.Of(MemoryMarshal.AsBytes(lower[..length]));
    }

    /// <summary><see cref="WordKey"/> of an ASCII word, hashing each lower-cased byte as the UTF-16 char it decodes to.</summary>
    private static ulong AsciiWordKey(ReadOnlySpan<byte> word)
    {
        word = word[..Math.Min(word.Length, MaxWord)];
        var end = word.Length;
        while (end > 2 && Lower(word[end - 1]) == Lower(word[end - 2]))
        {
            end--;
        }

        var hash = AuthorKeys.Start;
        foreach (var b in word[..end])
        {
            hash = AuthorKeys.Add(AuthorKeys.Add(hash, Lower(b)), 0);
        }

        return hash;
    }

    private static byte Lower(byte c) => c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c | 0x20) : c;
}
