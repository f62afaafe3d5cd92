using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace VodManager.Core.Ingest;

/// <summary>Plain chat logs, one <c>[hh:mm:ss] user: text</c> per line (also <c>[h:mm:ss.fff]</c> and <c>[mm:ss]</c>); blank lines are skipped.</summary>
internal sealed partial class PlainChatLogParser(LineReader lines, string name, ChatReadMode mode)
{
    private const int BatchSize = 4096;

    public async IAsyncEnumerable<List<ChatRecord>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<ChatRecord>(BatchSize);
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            batch.Add(Parse(line));
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
    }

    private ChatRecord Parse(string line)
    {
        var match = Line().Match(line);
        if (!match.Success)
        {
            throw new IngestException(name, "expected \"[hh:mm:ss] user: text\"", line: lines.LineNumber, byteOffset: lines.LineOffset);
        }

        var offset = Seconds(match);
        var user = match.Groups["user"].Value;
        var text = match.Groups["text"].Value;
        var key = AuthorKeys.Of(user.ToLowerInvariant());
        var notice = ChatNotices.IsSystemAccount(user.ToLowerInvariant()) ? ChatNotices.FromSystemText(text) : null;
        return new ChatRecord(offset, key, null, mode == ChatReadMode.Full ? Strings.Truncate(user, 100) : "", mode == ChatReadMode.Full ? text : "", 0, 0, notice) { Shape = ChatTextShape.Of(text) };
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

    [GeneratedRegex(@"^\s*\[(?<ts>(?:(?<h>\d{1,3}):)?(?<m>\d{1,2}):(?<s>\d{2})(?:[.,](?<f>\d{1,3}))?)\]\s+(?<user>[^\s:]{1,100}):\s?(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Line();
}
