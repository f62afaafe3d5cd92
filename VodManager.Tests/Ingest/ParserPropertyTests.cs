using System.Text;
using CsCheck;
using VodManager.Core.Ingest;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

/// <summary>
/// For any bytes, each parser either parses or throws the one typed <see cref="IngestException"/> — never another
/// exception, never a hang. Inputs are random bytes and mutations (flips, cuts, splices) of valid files, which reach
/// far deeper into the parsers than noise does.
/// </summary>
public sealed class ParserPropertyTests : IDisposable
{
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new("property");

    private static readonly byte[] ChatSample = Encoding.UTF8.GetBytes(
        "{\"comments\":[{\"_id\":\"a\",\"content_offset_seconds\":\"1.5\",\"commenter\":{\"_id\":42,\"name\":\"twitch\",\"display_name\":\"A\"}," +
        "\"message\":{\"body\":\"5 raiders from x have joined!\",\"bits_spent\":100,\"fragments\":[{\"text\":\"hi\",\"emoticon\":{\"emoticon_id\":\"1\"}}]," +
        "\"emoticons\":[{\"_id\":\"1\"}],\"user_notice_params\":{\"msg-id\":\"submysterygift\",\"msg-param-mass-gift-count\":\"5\"}}}]}\n" +
        "[00:00:01] alice: hi\n");

    private static readonly byte[] EventsSample = Encoding.UTF8.GetBytes(
        "{\"type\":\"channel.raid\",\"offset_seconds\":148,\"event\":{\"viewers\":250}}\n{\"type\":\"sub\",\"offset_seconds\":\"3\",\"tier\":\"3000\"}\n");

    private static readonly byte[] TranscriptSample = Encoding.UTF8.GetBytes(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000 align:start\n<v A>oh my god</v>\n\nNOTE x\n\n00:04.500 --> 00:06.000\nclip it\n");

    /// <summary>Random bytes, or a valid sample with a few bytes flipped, a range cut out, or a random run spliced in.</summary>
    private static Gen<byte[]> Inputs(byte[] sample) => Gen.OneOf(
        Gen.Byte.Array[0, 512],
        Gen.Select(Gen.Int[0, sample.Length - 1], Gen.Int[1, 8], Gen.Byte.Array[1, 16], Gen.Int[0, 2], (at, length, splice, operation) =>
        {
            var bytes = sample.ToList();
            switch (operation)
            {
                case 0:
                    for (var i = 0; i < Math.Min(length, splice.Length) && at + i < bytes.Count; i++)
                    {
                        bytes[at + i] ^= splice[i];
                    }

                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(length, bytes.Count - at));
                    break;
                default:
                    bytes.InsertRange(at, splice);
                    break;
            }

            return bytes.ToArray();
        }));

    [Fact]
    public void Chat_parser_parses_or_throws_IngestException_for_any_bytes() =>
        Check(ChatSample, path => Parsers.ChatAsync(path));

    [Fact]
    public void Chat_parser_in_signals_mode_parses_or_throws_IngestException_for_any_bytes() =>
        Check(ChatSample, path => Parsers.ChatAsync(path, ChatReadMode.Signals));

    [Fact]
    public void Event_parser_parses_or_throws_IngestException_for_any_bytes() =>
        Check(EventsSample, path => Parsers.EventsAsync(path, end: 1000));

    [Fact]
    public void Transcript_parser_parses_or_throws_IngestException_for_any_bytes() =>
        Check(TranscriptSample, path => Parsers.TranscriptAsync(path, end: 1000));

    private void Check(byte[] sample, Func<string, Task> parse)
    {
        var path = _folder.File("input.bin");
        Inputs(sample).Sample(bytes =>
        {
            File.WriteAllBytes(path, bytes);
            try
            {
                if (!Task.Run(() => parse(path)).Wait(PerInput))
                {
                    throw new TimeoutException($"parsing {bytes.Length} bytes did not finish within {PerInput.TotalSeconds} s");
                }
            }
            catch (AggregateException e) when (e.InnerException is IngestException)
            {
                // The one error a bad file may cause.
            }
        }, iter: 400, threads: 1);
    }

    public void Dispose() => _folder.Dispose();
}
