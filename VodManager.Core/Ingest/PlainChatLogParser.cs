using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace VodManager.Core.Ingest;

/// <summary>
/// Plain chat logs, one <c>[hh:mm:ss] user: text</c> per line (also <c>[h:mm:ss.fff]</c> and <c>[mm:ss]</c>), or
/// TwitchDownloader's text export with UTC times, <c>[2021-03-19 21:56:48 UTC] user: text</c> (also with
/// milliseconds), or a Chatterino log: after its <c># Start logging at 2026-12-01 19:58:12 CET</c> line, each
/// <c>[19:58:15] user: text</c> is the client's local clock on that date (past midnight on the next), and a line without
/// a user is Chatterino's own (connected, a sub or gift notice, which is kept as one). Blank lines are skipped. A UTC or
/// local time counts from the stream's start (from the first line when there is no stream yet, as when a new stream is
/// made from the log): lines before it are before the video and left out.
/// </summary>
/// <param name="clockStart">The stream's start (UTC), which UTC-stamped lines count from; null: the first line.</param>
/// <param name="metadata">Gathers what the log says about its broadcast (the start and length of a UTC-stamped one).</param>
internal sealed partial class PlainChatLogParser(LineReader lines, string name, ChatReadMode mode, DateTime? clockStart, ChatMetadataScan? metadata)
{
    private const int BatchSize = 4096;

    private readonly StreamClock _clock = new(clockStart);
    private Times? _times;

    /// <summary>Where a Chatterino log's clock stands: the local time of the last line (or its header) and the zone's offset.</summary>
    private DateTime _localLast;
    private TimeSpan _localOffset;

    /// <summary>What a log's times are; one log has one kind.</summary>
    private enum Times
    {
        IntoTheStream,
        Utc,
        LocalClock,
    }

    public async IAsyncEnumerable<List<ChatRecord>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<ChatRecord>(BatchSize);
        var any = false;
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line) || Parse(line) is not { } record)
            {
                continue;
            }

            batch.Add(record);
            any = true;
            if (batch.Count == BatchSize)
            {
                yield return batch;
                batch = new List<ChatRecord>(BatchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }

        if (!any && _clock.Before > 0)
        {
            throw new IngestException(name, _clock.AllBefore("lines"));
        }
    }

    private ChatRecord? Parse(string line)
    {
        if (line.StartsWith('#') && ChatterinoHeader().Match(line) is { Success: true } header)
        {
            StartLocalClock(header);
            return null;
        }

        if (_times == Times.LocalClock)
        {
            return ParseLocal(line);
        }

        var match = Line().Match(line);
        if (!match.Success)
        {
            throw Error(NotAChatLine(line));
        }

        var utc = match.Groups["date"].Success;
        Expect(utc ? Times.Utc : Times.IntoTheStream);
        var offset = utc ? SinceStart(match) : Seconds(match);
        return offset is { } seconds ? Record(seconds, match.Groups["user"].Value, match.Groups["text"].Value, notice: null) : null;
    }

    /// <summary>Chatterino's "# Start logging at" line: the date and zone of the local times after it (a stop line says nothing new).</summary>
    private void StartLocalClock(Match header)
    {
        Expect(Times.LocalClock);
        if (header.Groups["what"].Value == "Stop")
        {
            return;
        }

        var stamp = $"{header.Groups["date"].Value} {header.Groups["clock"].Value}";
        if (!DateTime.TryParseExact(stamp, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw Error($"bad time \"{stamp}\" in the \"Start logging at\" line: not a date and time");
        }

        var zone = header.Groups["zone"].Value.Trim();
        _localOffset = LogTimeZone.OffsetAt(zone, local) ?? throw Error(
            $"its times are the local clock of \"{zone}\", a time zone VodManager cannot place: write the zone as its offset from UTC in that line, "
            + $"e.g. \"# Start logging at {stamp} UTC+01:00\"");
        _localLast = local;
    }

    private ChatRecord? ParseLocal(string line)
    {
        var match = LocalLine().Match(line);
        if (!match.Success)
        {
            if (Line().Match(line) is { Success: true, Groups: var other })
            {
                Expect(other["date"].Success ? Times.Utc : Times.IntoTheStream);
            }

            throw Error("expected \"[hh:mm:ss] user: text\" after Chatterino's \"# Start logging at\" line");
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (match.Groups["ap"].Success)
        {
            hour = hour % 12 + (char.ToLowerInvariant(match.Groups["ap"].Value[0]) == 'p' ? 12 : 0);
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            throw Error($"bad time \"[{match.Groups["time"].Value}]\": not a time of day");
        }

        // Lines come in order, so a clock that goes back by hours has passed midnight (a per-stream log keeps one file).
        var at = _localLast.Date + new TimeSpan(hour, minute, second);
        if (at < _localLast.AddHours(-12))
        {
            at = at.AddDays(1);
        }

        _localLast = at;
        var rest = match.Groups["rest"].Value;
        var user = ChatterinoUser().Match(rest);
        // Chatterino's own lines ("connected", "x subscribed at Tier 1.") have no user: a sub, gift or raid is kept, the
        // rest is not chat (nor does it start a new stream's clock).
        var notice = user.Success ? null : ChatNotices.FromSystemText(rest);
        if (!user.Success && notice is null)
        {
            return null;
        }

        var stamp = at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        if (SinceStart(DateTime.SpecifyKind(at - _localOffset, DateTimeKind.Utc), stamp) is not { } seconds)
        {
            return null;
        }

        return notice is null ? Record(seconds, user.Groups["user"].Value, user.Groups["text"].Value, notice: null) : Record(seconds, notice.Sender, rest, notice);
    }

    private void Expect(Times times)
    {
        if (_times is { } seen && seen != times)
        {
            throw Error("mixes two kinds of time (times into the stream, UTC times, a Chatterino log's local clock); a log has one kind");
        }

        _times = times;
    }

    private ChatRecord Record(double seconds, string user, string text, ChatNotice? notice)
    {
        if (_times != Times.IntoTheStream)
        {
            // Only a wall-clock log speaks for its stream: "[hh:mm:ss]" alone may be any client's clock, not a length.
            metadata?.Comment(seconds, _clock.Start!.Value.AddSeconds(seconds), vodId: null, broadcaster: null);
        }

        var login = user.ToLowerInvariant();
        notice ??= ChatNotices.IsSystemAccount(login) ? ChatNotices.FromSystemText(text) : null;
        return new ChatRecord(seconds, AuthorKeys.Of(login), null, mode == ChatReadMode.Full ? Strings.Truncate(user, 100) : "", mode == ChatReadMode.Full ? text : "", 0, 0, notice) { Shape = ChatTextShape.Of(text), FromBot = ChatBots.Is(login) };
    }

    private IngestException Error(string problem) => new(name, problem, line: lines.LineNumber, byteOffset: lines.LineOffset);

    private double Seconds(Match match)
    {
        var hours = match.Groups["h"].Success ? int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        var minutes = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var seconds = int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture);
        var fraction = match.Groups["f"].Success ? double.Parse("0." + match.Groups["f"].Value, CultureInfo.InvariantCulture) : 0;
        if (minutes > 59 || seconds > 59)
        {
            throw Error($"bad timestamp \"{match.Groups["ts"].Value}\": minutes and seconds must be below 60");
        }

        return hours * 3600 + minutes * 60 + seconds + fraction;
    }

    /// <summary>Seconds from the stream's start to a UTC-stamped line, or null for a line from before it.</summary>
    private double? SinceStart(Match match)
    {
        var stamp = $"{match.Groups["date"].Value} {match.Groups["clock"].Value}";
        if (!DateTime.TryParseExact(stamp, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            throw Error($"bad timestamp \"{stamp} UTC\": not a date and time");
        }

        return SinceStart(at, stamp + " UTC");
    }

    /// <param name="stamp">The line's time as the log wrote it, for the error.</param>
    private double? SinceStart(DateTime utc, string stamp)
    {
        if (_clock.SecondsSince(utc) is not { } seconds)
        {
            return null;
        }

        if (seconds > TwitchChatJsonParser.MaxOffsetSeconds)
        {
            throw Error(_clock.TooLate(stamp, seconds));
        }

        return seconds;
    }

    /// <summary>
    /// The time, then "user: text", or IRC's "&lt;user&gt; text" (Twitch Chat Downloader's default and its irc format, whose
    /// badge sign may lead the name: "&lt;@mod&gt;") or its "/me" action "*user text" (which tcd closes with a stray "]").
    /// </summary>
    [GeneratedRegex(@"^\s*\[(?:(?<date>\d{4}-\d{2}-\d{2}) (?<clock>\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?) UTC|(?<ts>(?:(?<h>\d{1,3}):)?(?<m>\d{1,2}):(?<s>\d{2})(?:[.,](?<f>\d{1,3}))?))\]\s+(?:<[~@%+$!*&]?(?<user>[^\s<>]{1,100})>\s?(?<text>.*)|\*(?<user>[^\s*]{1,100})\s(?<text>.*?)\]?|(?<user>[^\s:<*]{1,100}):\s?(?<text>.*))$", RegexOptions.CultureInvariant)]
    private static partial Regex Line();

    /// <summary>What is wrong with a line that is none of the formats, named for the files people mistake for a chat log.</summary>
    private static string NotAChatLine(string line) =>
        line.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || line.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            ? "this is an HTML page, not a chat log (TwitchDownloader's HTML export is for reading, not importing); import the chat's JSON export"
            : UntimedLine().IsMatch(line)
                // TwitchDownloader writes this with its timestamp format "None": nothing says where on the stream a line was.
                ? "the line has no time (\"user: text\"), so it cannot be placed on the stream; export the chat with times (TwitchDownloader: timestamp format Relative or UTC)"
                : "expected \"[hh:mm:ss] user: text\" (or \"<user> text\"), \"[yyyy-MM-dd hh:mm:ss UTC] user: text\" or a Chatterino log";

    [GeneratedRegex(@"^[^\s\[\]<>:]{1,100}: ", RegexOptions.CultureInvariant)]
    private static partial Regex UntimedLine();

    [GeneratedRegex(@"^# (?<what>Start|Stop) logging at (?<date>\d{4}-\d{2}-\d{2}) (?<clock>\d{2}:\d{2}:\d{2}) ?(?<zone>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChatterinoHeader();

    /// <summary>Chatterino's default "[HH:mm:ss] ", and the 12-hour and minutes-only formats it offers.</summary>
    [GeneratedRegex(@"^\[(?<time>(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2}))?(?:\s?(?<ap>[AaPp]\.?[Mm]\.?))?)\]\s(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalLine();

    /// <summary>"login: text", or "localized-name login: text" for a display name in another script.</summary>
    [GeneratedRegex(@"^(?:\S+ )?(?<user>[A-Za-z0-9_]{1,25}): (?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChatterinoUser();
}
