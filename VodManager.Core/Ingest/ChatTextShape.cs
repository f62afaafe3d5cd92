namespace VodManager.Core.Ingest;

/// <summary>
/// What detection needs of a chat line's text, without keeping the text: its length in characters outside known
/// emotes (reactions are short: "PogChamp PogChamp" says no more than "Pog"), a key of
/// its first word (lower-cased, a stretched ending folded: "LULLL" is "lul"), so a chat repeating itself shows, and
/// how many of its words are well-known emotes (exports without emote fragments still say "PogChamp").
/// </summary>
public readonly record struct ChatTextShape(int Length, ulong Key, int Emotes)
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

    public static ChatTextShape Of(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        ulong first = 0;
        var emotes = 0;
        var length = 0;
        var rest = text;
        while (!rest.IsEmpty)
        {
            var space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            rest = space < 0 ? default : rest[(space + 1)..];
            if (word.IsEmpty)
            {
                continue;
            }

            var key = WordKey(word);
            first = first == 0 ? key : first;
            var isEmote = KnownEmotes.Contains(key);
            emotes += isEmote ? 1 : 0;
            length += isEmote ? 0 : word.Length + (length > 0 ? 1 : 0);
        }

        return new ChatTextShape(Math.Min(length, MaxLength), first, emotes);
    }

    /// <summary>The same from a JSON string's raw UTF-8 (unescaped), decoding only its first few hundred bytes.</summary>
    public static ChatTextShape Of(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[MaxLength * 2];
        var bytes = utf8[..Math.Min(utf8.Length, chars.Length)];
        var count = System.Text.Encoding.UTF8.GetChars(bytes, chars);
        return Of(chars[..count]);
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
        return AuthorKeys.Of(System.Runtime.InteropServices.MemoryMarshal.AsBytes(lower[..length]));
    }
}
