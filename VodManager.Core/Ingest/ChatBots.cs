using System.Collections.Frozen;

namespace VodManager.Core.Ingest;

/// <summary>
/// The well-known chat bots (timers, command replies, alerts): their lines are stored and shown like anyone's, but
/// they are nobody reacting, so detection leaves them out. Matched by login, case ignored; a channel's own bot under
/// another name counts as a chatter.
/// </summary>
public static class ChatBots
{
    private const int MaxLogin = 25;

    private static readonly FrozenSet<ulong> Keys = new[]
    {
        "nightbot", "streamelements", "streamlabs", "moobot", "fossabot", "wizebot", "sery_bot", "soundalerts",
        "botrixoficial", "kofistreambot", "streamlootsbot", "pretzelrocks", "own3d", "blerp", "tangiabot",
        "frostytoolsdotcom", "deepbot", "phantombot", "ankhbot", "coebot", "vivbot", "scottybot", "revlobot",
        "lolrankbot", "pokemoncommunitygame", "stay_hydrated_bot", "streamstickers", "creatisbot", "buttsbot", "mikuia",
    }.Select(login => Key(login.AsSpan())).ToFrozenSet();

    /// <param name="login">A login or display name as UTF-8 bytes (a bot's are ASCII).</param>
    public static bool Is(ReadOnlySpan<byte> login) => login.Length <= MaxLogin && Keys.Contains(Key(login));

    public static bool Is(ReadOnlySpan<char> name) => name.Length <= MaxLogin && Keys.Contains(Key(name));

    private static ulong Key<T>(ReadOnlySpan<T> login)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var hash = AuthorKeys.Start;
        foreach (var c in login)
        {
            var value = ushort.CreateTruncating(c);
            if (value > 127)
            {
                return 0;
            }

            hash = AuthorKeys.Add(hash, (byte)(value is >= 'A' and <= 'Z' ? value | 0x20 : value));
        }

        return hash;
    }
}
