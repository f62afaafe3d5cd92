using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace VodManager.Core.Ingest;

/// <summary>
/// Plain chat logs, one <c>[hh:mm:ss] user: text</c> per line (also <c>[h:mm:ss.fff]</c> and <c>[mm:ss]</c>), or
/// TwitchDownloader's text export with UTC times, <c>[2021-03-19 21:56:48 UTC] user: text</c> (also with
/// milliseconds); blank lines are skipped. A UTC time counts from the stream's start (from the first line when there is
/// no stream yet, as when a new stream is made from the log): lines before it are before the video and left out.
/// </summary>
/// <param name="clockStart">The stream's start (UTC), which UTC-stamped lines count from; null: the first line.</param>
/// <param name="metadata">Gathers what the log says about its broadcast (the start and length of a UTC-stamped one).</param>
internal sealed partial class PlainChatLogParser(LineReader lines, string name, ChatReadMode mode, DateTime? clockStart, ChatMetadataScan? metadata)
{
    private const int BatchSize = 4096;

    private readonly StreamClock _clock = new(clockStart);
    private bool? _utc;

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
        var match = Line().Match(line);
        if (!match.Success)
        {
            throw new IngestException(name, "expected \"[hh:mm:ss] user: text\" or \"[yyyy-MM-dd hh:mm:ss UTC] user: text\"", line: lines.LineNumber, byteOffset: lines.LineOffset);
        }

        var utc = match.Groups["date"].Success;
        if (_utc is { } seen && seen != utc)
        {
            throw new IngestException(name, "mixes UTC times with times into the stream; a log has one kind", line: lines.LineNumber, byteOffset: lines.LineOffset);
        }

        _utc = utc;
        var offset = utc ? SinceStart(match) : Seconds(match);
        if (offset is not { } seconds)
        {
            return null;
        }

        var user = match.Groups["user"].Value;
        var text = match.Groups["text"].Value;
        if (utc)
        {
            // Only a UTC-stamped log speaks for its stream: "[hh:mm:ss]" may be a client's wall clock (Chatterino), not a length.
            metadata?.Comment(seconds, _clock.Start!.Value.AddSeconds(seconds), vodId: null, broadcaster: null);
        }

        var key = AuthorKeys.Of(user.ToLowerInvariant());
        var notice = ChatNotices.IsSystemAccount(user.ToLowerInvariant()) ? ChatNotices.FromSystemText(text) : null;
        return new ChatRecord(seconds, key, null, mode == ChatReadMode.Full ? Strings.Truncate(user, 100) : "", mode == ChatReadMode.Full ? text : "", 0, 0, notice) { Shape = ChatTextShape.Of(text) };
    }

    private double Seconds(Match match)
    {
        var hours = match.Groups["h"].Success ? int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        var minutes = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var seconds = int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture);
        var fraction = match.Groups["f"].Success ? double.Parse("0." + match.Groups["f"].Value, CultureInfo.InvariantCulture) : 0;
        if (minutes > 59 || seconds > 59)
        {
            throw new IngestException(name, $"bad timestamp \"{match.Groups["ts"].Value}\": minutes and seconds must be below 60", line: lines.LineNumber, byteOffset: lines.LineOffset);
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
            throw new IngestException(name, $"bad timestamp \"{stamp} UTC\": not a date and time", line: lines.LineNumber, byteOffset: lines.LineOffset);
        }

        if (_clock.SecondsSince(at) is not { } seconds)
        {
            return null;
        }

        if (seconds > TwitchChatJsonParser.MaxOffsetSeconds)
        {
            throw new IngestException(name, _clock.TooLate(stamp + " UTC", seconds), line: lines.LineNumber, byteOffset: lines.LineOffset);
        }

        return seconds;
    }

    [GeneratedRegex(@"^\s*\[(?:(?<date>\d{4}-\d{2}-\d{2}) (?<clock>\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?) UTC|(?<ts>(?:(?<h>\d{1,3}):)?(?<m>\d{1,2}):(?<s>\d{2})(?:[.,](?<f>\d{1,3}))?))\]\s+(?<user>[^\s:]{1,100}):\s?(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Line();
}
