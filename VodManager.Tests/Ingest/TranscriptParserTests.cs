using VodManager.Core.Ingest;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

public sealed class TranscriptParserTests : IDisposable
{
    private readonly TempFolder _folder = new("transcript");

    [Fact]
    public async Task A_utf16_srt_from_a_windows_editor_is_read_and_a_legacy_code_page_one_is_refused_saying_how_to_fix_it()
    {
        var path = _folder.File("notepad.srt");
        await File.WriteAllTextAsync(path, "1\r\n00:00:01,000 --> 00:00:03,000\r\nCafé, oh my god 中文\r\n\r\n", System.Text.Encoding.Unicode);

        var cue = Assert.Single(await Parsers.TranscriptAsync(path));

        Assert.Equal((1.0, 3.0, "Café, oh my god 中文"), (cue.StartSeconds, cue.EndSeconds, cue.Text));
        var legacy = _folder.File("cp1252.srt");
        await File.WriteAllBytesAsync(legacy, [.. "1\r\n00:00:01,000 --> 00:00:03,000\r\nCaf"u8, 0xE9, .. "\r\n"u8]);
        var error = await Assert.ThrowsAsync<IngestException>(() => Parsers.TranscriptAsync(legacy));
        Assert.Equal("'cp1252.srt': line 3, byte 37: is not valid UTF-8 text (save the file as UTF-8)", error.Message);
    }

    [Fact]
    public async Task WebVtt_cues_parse_with_identifiers_settings_notes_and_markup_stripped()
    {
        var path = _folder.File("talk.vtt");
        await File.WriteAllTextAsync(path, "\uFEFFWEBVTT - stream\nKind: captions\n\nNOTE made by hand\nsecond note line\n\nintro\n00:05.000 --> 00:09.500 align:start\n<v Streamer>hey everyone</v>\nwelcome back\n\n01:02:03.250 --> 01:02:05.000\n<b>clip it</b>\n");

        var cues = await Parsers.TranscriptAsync(path);

        Assert.Equal([new TranscriptCue(5, 9.5, "hey everyone welcome back"), new TranscriptCue(3723.25, 3725, "clip it")], cues);
    }

    [Fact]
    public async Task YouTube_automatic_captions_keep_each_line_once_where_it_was_said()
    {
        // As yt-dlp --write-auto-subs saves them: a line of one space inside cues, each new line with inline word
        // times under the line said before, and 10 ms cues repeating the line just said.
        var path = _folder.File("stream.en.vtt");
        await File.WriteAllTextAsync(path, """
            WEBVTT
            Kind: captions
            Language: en

            00:00:00.160 --> 00:00:02.470 align:start position:0%
             
            hello<00:00:00.560><c> everyone</c><00:00:00.880><c> welcome</c>

            00:00:02.470 --> 00:00:02.480 align:start position:0%
            hello everyone welcome
             

            00:00:02.480 --> 00:00:05.150 align:start position:0%
            hello everyone welcome
            to<00:00:02.800><c> the</c><00:00:03.120><c> stream</c>

            00:00:05.150 --> 00:00:05.160 align:start position:0%
            to the stream
             

            00:00:05.160 --> 00:00:08.000 align:start position:0%
            to the stream
            oh<00:00:05.400><c> my</c><00:00:05.700><c> god</c><00:00:06.100><c> clip</c><00:00:06.300><c> it</c>

            """.Replace("\r", ""));

        var cues = await Parsers.TranscriptAsync(path);

        Assert.Equal(
            [(0.16, 2.47, "hello everyone welcome"), (2.48, 5.15, "to the stream"), (5.16, 8, "oh my god clip it")],
            cues.Select(c => (Math.Round(c.StartSeconds, 3), Math.Round(c.EndSeconds, 3), c.Text)));
    }

    [Fact]
    public async Task WebVtt_cues_separated_by_lines_of_spaces_stay_apart()
    {
        var path = _folder.File("sloppy.vtt");
        await File.WriteAllTextAsync(path, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\noh my god\n   \n00:00:03.000 --> 00:00:04.000\nno way\n\t\n00:00:05.000 --> 00:00:06.000\nclip it\n");

        var cues = await Parsers.TranscriptAsync(path);

        Assert.Equal([new TranscriptCue(1, 2, "oh my god"), new TranscriptCue(3, 4, "no way"), new TranscriptCue(5, 6, "clip it")], cues);
    }

    [Fact]
    public async Task Srt_cues_parse_with_comma_milliseconds()
    {
        var path = _folder.File("talk.srt");
        await File.WriteAllTextAsync(path, "1\r\n00:00:01,000 --> 00:00:04,000\r\noh my god\r\n\r\n2\r\n00:00:04,500 --> 00:00:06,000\r\n{\\an8}no way\r\n");

        var cues = await Parsers.TranscriptAsync(path);

        Assert.Equal([new TranscriptCue(1, 4, "oh my god"), new TranscriptCue(4.5, 6, "no way")], cues);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("just some text\nmore text", "not a WebVTT")]
    [InlineData("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nbackwards", "ends (00:00:02.000) before it starts")]
    [InlineData("WEBVTT\n\n00:00:10.000 --> 00:00:12.000\na\n\n00:00:05.000 --> 00:00:06.000\nb", "before the previous cue")]
    [InlineData("WEBVTT\n\n00:00:10.000 --> 00:00:20.000\na\n\n00:00:12.000 --> 00:00:25.000\nb", "overlapping cues")]
    [InlineData("WEBVTT\n\n00:00:99.000 --> 00:01:00.000\nbad", "bad timestamp \"00:00:99.000\"")]
    [InlineData("WEBVTT\n\n00:61:00.000 --> 00:62:00.000\nbad", "minutes and seconds must be below 60")]
    [InlineData("WEBVTT\n\nhello\nthere", "expected a cue timing line")]
    [InlineData("1\n00:00:01,000 -> 00:00:02,000\nhi", "expected a cue timing line")]
    public Task Bad_transcripts_are_refused_naming_the_line(string content, string expected) =>
        Parsers.AssertRefusedAsync(_folder.File("bad.vtt"), content, path => Parsers.TranscriptAsync(path), expected);

    [Fact]
    public async Task A_cue_past_the_end_of_the_stream_is_refused()
    {
        var path = _folder.File("late.vtt");
        await File.WriteAllTextAsync(path, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:10:00.000 --> 00:10:02.000\nlate\n");

        var error = await Assert.ThrowsAsync<IngestException>(() => Parsers.TranscriptAsync(path, end: 125));

        Assert.Equal(6, error.Line);
        Assert.Contains("past the end of the stream", error.Message);
    }

    /// <summary>
    /// openai-whisper's <c>--output_format json</c>: the whole text first (longer than the parser's first look, so the
    /// segments lie past it), then segments with tokens and probabilities, then the language.
    /// </summary>
    internal static string WhisperJson(params (double Start, double End, string Text)[] segments)
    {
        var text = string.Concat(Enumerable.Repeat(" and that is how the fight went", 200));
        var items = segments.Select((x, i) => System.FormattableString.Invariant(
            $$"""{"id": {{i}}, "seek": {{i * 3000}}, "start": {{x.Start}}, "end": {{x.End}}, "text": " {{x.Text}}", "tokens": [50364, 883, 1184, 11, 50564], "temperature": 0.0, "avg_logprob": -0.21, "compression_ratio": 1.42, "no_speech_prob": 0.013}"""));
        return $$"""{"text": "{{text}}", "segments": [{{string.Join(", ", items)}}], "language": "en"}""";
    }

    [Fact]
    public async Task Whisper_json_segments_are_cues_whatever_comes_before_them()
    {
        var path = _folder.File("stream.json");
        await File.WriteAllTextAsync(path, WhisperJson((0, 4.2, "Hey everyone, welcome back."), (4.2, 9.96, "Oh no, clip it!"), (12.5, 14, " ")));

        var cues = await Parsers.TranscriptAsync(path);

        Assert.True(new FileInfo(path).Length > 4096);
        Assert.Equal([new TranscriptCue(0, 4.2, "Hey everyone, welcome back."), new TranscriptCue(4.2, 9.96, "Oh no, clip it!")], cues);
    }

    [Fact]
    public async Task WhisperX_json_with_word_timings_reads_its_segments()
    {
        var path = _folder.File("whisperx.json");
        await File.WriteAllTextAsync(path, """
            {"segments": [{"start": 1.5, "end": 3.02, "text": " That was insane.", "words": [{"word": "That", "start": 1.5, "end": 1.7, "score": 0.91}]},
                          {"start": 3.1, "end": 4.0, "text": " GG.", "words": []}],
             "word_segments": [{"word": "That", "start": 1.5, "end": 1.7, "score": 0.91}]}
            """);

        var cues = await Parsers.TranscriptAsync(path);

        Assert.Equal([new TranscriptCue(1.5, 3.02, "That was insane."), new TranscriptCue(3.1, 4, "GG.")], cues);
    }

    [Theory]
    [InlineData("""{"text": "no segments here", "language": "en"}""", "no \"segments\" (openai-whisper, WhisperX) or \"transcription\" (whisper.cpp) array")]
    [InlineData("""{"systeminfo": "AVX = 1", "transcription": [{"timestamps": {"from": "00:00:01,000"}, "text": " hi"}]}""", "segment 1 has no start or end time")]
    [InlineData("""{"systeminfo": "AVX = 1", "transcription": [{"offsets": {"from": 5000, "to": 6000}, "text": "a"}, {"offsets": {"from": 2000, "to": 3000}, "text": "b"}]}""", "segment 2: the cue starts at 00:00:02.000, before the previous cue")]
    [InlineData("""{"segments": [{"start": 1.0, "text": " hi"}]}""", "segment 1 has no start or end time")]
    [InlineData("""{"segments": [{"start": 5.0, "end": 6.0, "text": "a"}, {"start": 2.0, "end": 3.0, "text": "b"}]}""", "segment 2: the cue starts at 00:00:02.000, before the previous cue")]
    [InlineData("""{"segments": [{"start": -1.0, "end": 2.0, "text": "a"}]}""", "segment 1: it starts at -1 s, before the recording")]
    [InlineData("""{"segments": [{"start": 1.0, "end": 1e300, "text": "a"}]}""", "segment 1: its times (1 to 1E+300 s) lie past 2592000 s")]
    [InlineData("""{"segments": [{"start": "0:01", "end": 2.0, "text": "a"}]}""", "not a readable Whisper JSON transcript ($.segments[0].start")]
    [InlineData("""{"segments": [{"start": 1.0, "end": 2.0, "text": "cut off""", "not a readable Whisper JSON transcript")]
    public Task Bad_whisper_json_is_refused_naming_the_segment(string content, string expected) =>
        Parsers.AssertRefusedAsync(_folder.File("bad.json"), content, path => Parsers.TranscriptAsync(path), expected);

    [Fact]
    public async Task A_whisper_segment_past_the_end_of_the_stream_is_refused()
    {
        var path = _folder.File("late.json");
        await File.WriteAllTextAsync(path, WhisperJson((1, 2, "ok"), (600, 602, "late")));

        var error = await Assert.ThrowsAsync<IngestException>(() => Parsers.TranscriptAsync(path, end: 125));

        Assert.Contains("segment 2: the cue ends at 00:10:02.000, past the end of the stream", error.Message);
    }

    /// <summary>
    /// whisper.cpp's <c>-oj</c> (or, with every token, <c>-ojf</c>): its system and model first, then the segments as
    /// <c>transcription</c>, each timed as text and by <c>offsets</c> in milliseconds.
    /// </summary>
    internal static string WhisperCppJson(bool full, params (double Start, double End, string Text)[] segments)
    {
        static string Times(double from, double to) => System.FormattableString.Invariant(
            $$"""{"timestamps": {"from": "{{TimeSpan.FromSeconds(from):hh\:mm\:ss\,fff}}", "to": "{{TimeSpan.FromSeconds(to):hh\:mm\:ss\,fff}}"}, "offsets": {"from": {{(long)Math.Round(from * 1000)}}, "to": {{(long)Math.Round(to * 1000)}}}""");
        var items = segments.Select(x => Times(x.Start, x.End) + $", \"text\": \" {x.Text}\""
            + (full ? $", \"tokens\": [{{\"text\": \" {x.Text.Split(' ')[0]}\", {Times(x.Start, x.Start + 0.3)[1..^0]}, \"id\": 883, \"p\": 0.93}}]" : "") + "}");
        return $$"""
            {
            	"systeminfo": "AVX = 1 | AVX2 = 1 | AVX512 = 0 | FMA = 1 | NEON = 0 | ARM_FMA = 0 | F16C = 1 | FP16_VA = 0 | WASM_SIMD = 0 | BLAS = 0 | SSE3 = 1 | SSSE3 = 1 | VSX = 0 | CUDA = 0 | COREML = 0 | OPENVINO = 0",
            	"model": {"type": "base", "multilingual": true, "vocab": 51865, "audio": {"ctx": 1500, "state": 512, "head": 8, "layer": 6}, "text": {"ctx": 448, "state": 512, "head": 8, "layer": 6}, "mels": 80, "ftype": 1},
            	"params": {"model": "models/ggml-base.bin", "language": "en", "translate": false},
            	"result": {"language": "en"},
            	"transcription": [{{string.Join(",\n", items)}}]
            }
            """;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Whisper_cpp_json_transcription_is_cues_timed_by_its_offsets(bool full)
    {
        var path = _folder.File("stream.wav.json");
        await File.WriteAllTextAsync(path, WhisperCppJson(full, (0, 4.2, "Hey everyone, welcome back."), (4.2, 9.96, "Oh no, clip it!"), (12.5, 14, " ")));

        var cues = await Parsers.TranscriptAsync(path);

        Assert.Equal([new TranscriptCue(0, 4.2, "Hey everyone, welcome back."), new TranscriptCue(4.2, 9.96, "Oh no, clip it!")], cues);
        Assert.True(await ContentSniff.IsTranscriptJsonAsync(path, new IngestOptions(), CancellationToken.None));
    }

    [Fact]
    public async Task A_whisper_json_saved_as_utf16_or_gzipped_is_still_told_from_chat_and_an_unreadable_file_is_not_called_a_transcript()
    {
        var text = WhisperJson((1, 2, "hello chat"));
        var utf16 = _folder.File("notepad.json");
        await File.WriteAllTextAsync(utf16, text, System.Text.Encoding.Unicode);
        var gzipped = _folder.File("whisper.json.gz");
        await using (var gzip = new System.IO.Compression.GZipStream(File.Create(gzipped), System.IO.Compression.CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text));
        }

        var empty = _folder.File("empty.json");
        await File.WriteAllBytesAsync(empty, []);
        var chat = _folder.File("chat.json");
        Streams.RealChat.WriteAsChatDownloader(Streams.RealChat.Small, chat);
        var options = new IngestOptions();

        Assert.True(await ContentSniff.IsTranscriptJsonAsync(utf16, options, CancellationToken.None));
        Assert.True(await ContentSniff.IsTranscriptJsonAsync(gzipped, options, CancellationToken.None));
        Assert.False(await ContentSniff.IsTranscriptJsonAsync(empty, options, CancellationToken.None));
        Assert.False(await ContentSniff.IsTranscriptJsonAsync(chat, options, CancellationToken.None));
        Assert.Single(await Parsers.TranscriptAsync(utf16));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_whisper_transcript_given_as_chat_is_refused_saying_what_it_is(bool whisperCpp)
    {
        var path = _folder.File("chat.json");
        await File.WriteAllTextAsync(path, whisperCpp ? WhisperCppJson(false, (1, 2, "hello chat")) : WhisperJson((1, 2, "hello chat")));

        var error = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path));

        Assert.Contains("this is a Whisper JSON transcript, not a chat log", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
