using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace VodManager.Core.Ingest;

/// <summary>
/// WebVTT, SRT and Whisper JSON transcripts, told apart by content ("WEBVTT" header, a JSON object starting with
/// "segments" or "text", else SRT's numbered cues). Cue markup (&lt;v Name&gt;, &lt;b&gt;, {\an8}, inline times) is
/// stripped, and a line repeated from the end of the previous cue (rolling captions) is stored once. Cues must run
/// forwards: a cue that ends before it starts, starts before the previous cue, overlaps it beyond
/// <see cref="IngestOptions.TranscriptOverlapToleranceSeconds"/>, or lies past the stream's end is refused with its
/// line (or segment).
/// </summary>
public sealed partial class TranscriptParser(IOptions<IngestOptions> options)
{
    private static readonly JsonSerializerOptions WhisperJson = new() { PropertyNameCaseInsensitive = true };

    private enum Format
    {
        Unknown,
        WebVtt,
        Srt,
    }

    /// <param name="maxOffsetSeconds">The stream's known end plus tolerance, or null when unknown.</param>
    public async IAsyncEnumerable<TranscriptCue> ReadAsync(IngestInput input, double? maxOffsetSeconds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var head = await ContentSniff.HeadAsync(input.Content, cancellationToken);
        var order = new CueOrder(options.Value.TranscriptOverlapToleranceSeconds, maxOffsetSeconds);
        var cues = ContentSniff.IsTranscriptJson(head)
            ? ReadWhisperAsync(input.Name, new PrefixedReadStream(head, input.Content), order, cancellationToken)
            : ReadCuesAsync(input, new LineReader(input.Content, input.Name, options.Value.MaxLineBytes, head), order, cancellationToken);
        await foreach (var cue in cues)
        {
            yield return cue;
        }
    }

    /// <summary>
    /// Whisper's segments (openai-whisper's <c>--output_format json</c>, WhisperX's, faster-whisper scripts'): each
    /// <c>start</c>, <c>end</c> and <c>text</c> is a cue; the rest (tokens, words, probabilities) is skipped. whisper.cpp
    /// (<c>-oj</c>, <c>-ojf</c>) writes them as <c>transcription</c>, timed by <c>offsets</c> in milliseconds.
    /// </summary>
    private static async IAsyncEnumerable<TranscriptCue> ReadWhisperAsync(string name, Stream json, CueOrder order, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        WhisperTranscript? transcript;
        try
        {
            transcript = await JsonSerializer.DeserializeAsync<WhisperTranscript>(json, WhisperJson, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new IngestException(name, $"not a readable Whisper JSON transcript ({e.Path ?? "$"}: {Strings.Shorten(e.Message, 160)})", line: e.LineNumber + 1, inner: e);
        }

        var segments = transcript?.Segments
            ?? transcript?.Transcription?.Select(t => new WhisperSegment(t.Offsets?.From / 1000, t.Offsets?.To / 1000, t.Text)).ToList()
            ?? throw new IngestException(name, "no \"segments\" (openai-whisper, WhisperX) or \"transcription\" (whisper.cpp) array: not a Whisper JSON transcript");

        var number = 0;
        foreach (var segment in segments)
        {
            number++;
            if (segment is not { Start: { } start, End: { } end })
            {
                throw new IngestException(name, $"segment {number} has no start or end time");
            }

            var problem = start < 0 ? $"it starts at {start.ToString(CultureInfo.InvariantCulture)} s, before the recording"
                : Math.Max(start, end) > TwitchChatJsonParser.MaxOffsetSeconds ? $"its times ({start.ToString(CultureInfo.InvariantCulture)} to {end.ToString(CultureInfo.InvariantCulture)} s) lie past {TwitchChatJsonParser.MaxOffsetSeconds:0} s"
                : order.Check(start, end);
            if (problem is not null)
            {
                throw new IngestException(name, $"segment {number}: {problem}");
            }

            if (segment.Text?.Trim() is { Length: > 0 } text)
            {
                yield return new TranscriptCue(start, end, text.Length <= 2000 ? text : text[..2000]);
            }
        }
    }

    private static async IAsyncEnumerable<TranscriptCue> ReadCuesAsync(IngestInput input, LineReader lines, CueOrder order, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var format = Format.Unknown;
        var inCue = false;
        var skipBlock = false;
        double start = 0, end = 0;
        var text = new List<string>();
        var cues = 0;
        string? pending = null;

        string? lastLine = null;
        while (await lines.ReadLineAsync(cancellationToken) is { } raw)
        {
            var line = raw.Trim();

            // In WebVTT only an empty line ends a cue; YouTube's captions put a line of one space in theirs.
            if (line.Length == 0 && raw.Length > 0 && inCue && format == Format.WebVtt)
            {
                continue;
            }

            if (format == Format.Unknown)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                format = line.StartsWith("WEBVTT", StringComparison.Ordinal) && (line.Length == 6 || line[6] is ' ' or '\t')
                    ? Format.WebVtt
                    : int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out _) || Timing().IsMatch(line)
                        ? Format.Srt
                        : throw new IngestException(input.Name, "not a WebVTT (\"WEBVTT\" header), SRT (numbered cues) or Whisper JSON (\"segments\") transcript", line: lines.LineNumber, byteOffset: lines.LineOffset);
                if (format == Format.WebVtt)
                {
                    skipBlock = true; // the header block may carry metadata lines
                    continue;
                }
            }

            if (line.Length == 0)
            {
                if (inCue && Flush() is { } cue)
                {
                    yield return cue;
                }

                (inCue, skipBlock) = (false, false);
                continue;
            }

            if (skipBlock)
            {
                continue;
            }

            if (inCue)
            {
                if (!Timing().IsMatch(line))
                {
                    text.Add(line);
                    continue;
                }

                // "-->" is never cue text: the cue ended at a line that only looked blank (spaces), before this timing.
                if (Flush() is { } ended)
                {
                    yield return ended;
                }

                inCue = false;
            }

            if (Timing().Match(line) is { Success: true } timing)
            {
                start = Seconds(timing.Groups["start"].Value, input, lines);
                end = Seconds(timing.Groups["end"].Value, input, lines);
                if (order.Check(start, end) is { } problem)
                {
                    throw new IngestException(input.Name, problem, line: lines.LineNumber, byteOffset: lines.LineOffset);
                }

                (inCue, pending) = (true, null);
                text.Clear();
            }
            else if (format == Format.WebVtt && (line.StartsWith("NOTE", StringComparison.Ordinal) || line is "STYLE" or "REGION"))
            {
                skipBlock = true;
            }
            else if (pending is null)
            {
                pending = line; // a cue identifier (VTT) or number (SRT) before its timing line
            }
            else
            {
                throw new IngestException(input.Name, $"expected a cue timing line like \"00:00:05.000 --> 00:00:09.000\", found \"{Strings.Shorten(line, 60)}\"", line: lines.LineNumber, byteOffset: lines.LineOffset);
            }
        }

        if (inCue && Flush() is { } last)
        {
            yield return last;
        }

        if (format == Format.Unknown)
        {
            throw new IngestException(input.Name, "the file holds only blank lines");
        }

        if (cues == 0 && pending is not null)
        {
            throw new IngestException(input.Name, "no cues found (a cue needs a timing line like \"00:00:05.000 --> 00:00:09.000\")");
        }

        TranscriptCue? Flush()
        {
            // Rolling captions (YouTube's automatic ones) repeat the line said last at the top of the next cue, and in
            // a cue of 10 ms between them: it is stored once, where it was said.
            var said = text.Select(l => Markup().Replace(l, "").Trim()).Where(l => l.Length > 0).ToList();
            var previous = lastLine;
            lastLine = said.Count > 0 ? said[^1] : lastLine;
            var joined = string.Join(' ', said.SkipWhile((l, i) => i == 0 && l == previous));
            if (joined.Length == 0)
            {
                return null;
            }

            cues++;
            return new TranscriptCue(start, end, joined.Length <= 2000 ? joined : joined[..2000]);
        }
    }

    /// <summary>Cues in time order, within the stream: what is wrong with the next one, checked against the one before.</summary>
    private sealed class CueOrder(double overlapTolerance, double? maxOffsetSeconds)
    {
        private double _previousStart = -1;
        private double _previousEnd = -1;

        /// <returns>What is wrong with the cue, or null (it is then the one the next is checked against).</returns>
        public string? Check(double start, double end)
        {
            var problem =
                end < start ? $"the cue ends ({Text(end)}) before it starts ({Text(start)})"
                : start < _previousStart ? $"the cue starts at {Text(start)}, before the previous cue ({Text(_previousStart)}): cues must be in time order"
                : start < _previousEnd - overlapTolerance ? $"the cue starts at {Text(start)} while the previous cue runs until {Text(_previousEnd)} (overlapping cues)"
                : maxOffsetSeconds is { } max && end > max ? $"the cue ends at {Text(end)}, past the end of the stream ({Text(max)})"
                : null;
            if (problem is null)
            {
                (_previousStart, _previousEnd) = (start, end);
            }

            return problem;
        }
    }

    /// <summary>One of Whisper's segments; the rest of its fields are not read.</summary>
    private sealed record WhisperSegment(double? Start, double? End, string? Text);

    private sealed record WhisperTranscript(IReadOnlyList<WhisperSegment>? Segments, IReadOnlyList<WhisperCppSegment>? Transcription);

    /// <summary>whisper.cpp's segment: <c>offsets</c> in milliseconds beside the same times as text.</summary>
    private sealed record WhisperCppSegment(WhisperCppOffsets? Offsets, string? Text);

    private sealed record WhisperCppOffsets(double? From, double? To);

    private static double Seconds(string stamp, IngestInput input, LineReader lines)
    {
        var match = Stamp().Match(stamp);
        var hours = match.Groups["h"].Success ? int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        var minutes = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var seconds = int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture);
        if (minutes > 59 || seconds > 59)
        {
            throw new IngestException(input.Name, $"bad timestamp \"{stamp}\": minutes and seconds must be below 60", line: lines.LineNumber, byteOffset: lines.LineOffset);
        }

        return hours * 3600 + minutes * 60 + seconds + int.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture) / 1000.0;
    }

    private static string Text(double seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<start>(?:\d{1,4}:)?\d{1,2}:\d{2}[.,]\d{3})\s+-->\s+(?<end>(?:\d{1,4}:)?\d{1,2}:\d{2}[.,]\d{3})(?:\s.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Timing();

    [GeneratedRegex(@"^(?:(?<h>\d{1,4}):)?(?<m>\d{1,2}):(?<s>\d{2})[.,](?<ms>\d{3})$", RegexOptions.CultureInvariant)]
    private static partial Regex Stamp();

    [GeneratedRegex(@"<[^>]{0,200}>|\{\\[^}]{0,50}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Markup();
}
