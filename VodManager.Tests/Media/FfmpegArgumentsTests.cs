using System.Globalization;
using VodManager.Core.Media;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Media;

/// <summary>
/// The cutter's ffmpeg command lines as built, without running ffmpeg (jellyfin's EncodingHelperTests style): what each
/// option is for is asserted here, what the output looks like by the end-to-end cutting tests.
/// </summary>
public sealed class FfmpegArgumentsTests : IDisposable
{
    private static readonly ReencodeSettings Encode = new("veryfast", 21, 128);

    private readonly TempFolder _folder = new("ffmpeg-args");
    private readonly string _source;

    public FfmpegArgumentsTests()
    {
        // FFMpegCore checks that a file input exists; an empty one is enough to build the command.
        _source = _folder.File("source.mp4");
        File.WriteAllBytes(_source, []);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The part of the command before the first input, i.e. the input options.</summary>
    private string BeforeInput(string arguments) => arguments[..InputAt(arguments)];

    private string AfterInput(string arguments) => arguments[InputAt(arguments)..];

    private int InputAt(string arguments)
    {
        var at = arguments.IndexOf($"-i \"{_source}\"", StringComparison.Ordinal);
        Assert.True(at > 0, arguments);
        return at;
    }

    [Fact]
    public void CopyCut_AnyRange_SeeksBeforeTheInputAndCopiesOnlyTheMainStreams()
    {
        var arguments = FfmpegArguments.CopyCut(_source, 12.5, 10, _folder.File("clip.mp4")).Arguments;

        Assert.Contains("-ss 12.5", BeforeInput(arguments));
        var output = AfterInput(arguments);
        Assert.Contains("-t 10 ", output);
        Assert.Contains("-map 0:v:0 -map 0:a:0? -sn -dn -c copy", output);
        Assert.Contains("-avoid_negative_ts make_zero", output);
        Assert.Contains("-movflags +faststart", output);
    }

    [Fact]
    public void CopyCut_UrlInput_ReconnectsAtEachPieceOfTheRangeProxy()
    {
        var arguments = FfmpegArguments.CopyCut("http://127.0.0.1:9/source.mp4", 3, 4, _folder.File("clip.mp4")).Arguments;

        var input = arguments.IndexOf("-i \"http://127.0.0.1:9/source.mp4\"", StringComparison.Ordinal);
        Assert.True(input > 0, arguments);
        Assert.Contains("-ss 3 -reconnect 1 -reconnect_delay_max 2", arguments[..input]);
    }

    [Fact]
    public void CopyCut_FileInput_HasNoUrlOptions()
    {
        Assert.DoesNotContain("-reconnect", FfmpegArguments.CopyCut(_source, 3, 4, _folder.File("clip.mp4")).Arguments);
    }

    [Fact]
    public void PreciseCut_CommaDecimalCulture_WritesInvariantNumbersAndTheEncoderSettings()
    {
        // The tests run with invariant globalization: a culture of our own writes a comma as the decimal separator.
        var culture = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        CultureInfo.CurrentCulture = comma;
        try
        {
            var arguments = FfmpegArguments.PreciseCut(_source, 1.5, 2.25, _folder.File("clip.mp4"), Encode).Arguments;

            Assert.Contains("-ss 1.5", BeforeInput(arguments));
            var output = AfterInput(arguments);
            Assert.Contains("-t 2.25 ", output);
            Assert.Contains("-c:v libx264 -preset veryfast -crf 21 -pix_fmt yuv420p", output);
            Assert.Contains("-c:a aac -b:a 128k", output);
            Assert.DoesNotContain("1,5", arguments);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Sec_FrameTimeAt60Fps_KeepsMicroseconds()
    {
        Assert.Equal("0.116667", FfmpegArguments.Sec(7 / 60.0));
        Assert.Equal("3600", FfmpegArguments.Sec(3600));
    }

    [Fact]
    public void SmartParts_EdgesMiddleAndAudio_EachPartReadsItsOwnSeekedInputIntoItsOwnOutput()
    {
        SmartPartOutput[] video =
        [
            new(10.2, 1.8, Copy: false, _folder.File("head.ts")),
            new(12, 20, Copy: true, _folder.File("middle.ts"), DecodeDelay: 0.066667),
            new(32, 0.5, Copy: false, _folder.File("tail.ts")),
        ];
        var audio = new SmartPartOutput(10.2, 22.3, Copy: false, _folder.File("audio.m4a"));

        var arguments = FfmpegArguments.SmartParts(_source, video, audio, Encode).Arguments;

        Assert.Equal(4, arguments.Split($"-i \"{_source}\"").Length - 1);
        // Frames as stored: a rotated source's edges join its copied middle (the join gives the turn back).
        Assert.Equal(4, arguments.Split("-noautorotate -ss ").Length - 1);
        // Re-encoded parts seek half a millisecond early (rounded frame times), the copied middle to its keyframe itself.
        Assert.Contains("-ss 10.1995 ", BeforeInput(arguments));
        Assert.Contains("-ss 12 ", arguments);
        Assert.Contains("-ss 31.9995 ", arguments);
        Assert.Contains("-t 1.8 -map 0:v:0 -an -sn -dn -c:v libx264 -preset veryfast -crf 21 -pix_fmt yuv420p -bf 0 -sc_threshold 0 -f mpegts", arguments);
        // The copy stops before the next keyframe's decode time (two B-frames ahead), not at its own time.
        Assert.Contains("-t 19.932833 -map 1:v:0 -an -sn -dn -c:v copy -bsf:v h264_mp4toannexb -f mpegts", arguments);
        Assert.Contains("-t 0.5 -map 2:v:0 -an -sn -dn -c:v libx264", arguments);
        Assert.Contains("-t 22.3 -map 3:a:0 -vn -sn -dn -c:a aac -b:a 128k", arguments);
        Assert.EndsWith($"\"{audio.Output}\" -y", arguments.TrimEnd());
    }

    [Fact]
    public void SmartJoin_WithoutAudio_MapsOnlyTheVideoOfTheConcatList()
    {
        var list = _folder.File("parts.ffconcat");
        File.WriteAllText(list, "");

        var withAudio = FfmpegArguments.SmartJoin(list, _source, 0, _folder.File("joined.mp4")).Arguments;
        var withoutAudio = FfmpegArguments.SmartJoin(list, null, 0, _folder.File("joined.mp4")).Arguments;

        Assert.Contains("-f concat -safe 0", withAudio);
        Assert.Contains("-map 0:v:0 -map 1:a:0 -c copy", withAudio);
        Assert.Contains("-map 0:v:0 -c copy", withoutAudio);
        Assert.DoesNotContain("1:a:0", withoutAudio);
        Assert.DoesNotContain("rotate", withAudio);
        Assert.Contains("-c copy -metadata:s:v:0 rotate=270 ", FfmpegArguments.SmartJoin(list, null, 270, _folder.File("joined.mp4")).Arguments);
    }

    [Fact]
    public void ConcatList_PathWithAQuote_IsEscapedAndEachPartKeepsItsExactDuration()
    {
        var list = FfmpegArguments.ConcatList([("/tmp/it's.ts", 1.0 / 3), ("/tmp/b.ts", 2)]);

        Assert.Equal("ffconcat version 1.0\nfile '/tmp/it'\\''s.ts'\nduration 0.333333\nfile '/tmp/b.ts'\nduration 2\n", list);
    }

    [Fact]
    public void UntrustedInputOptions_FileOrUrl_AllowOnlyVideoContainersAndTheInputsOwnProtocol()
    {
        Assert.Equal(["-format_whitelist", "mov,matroska,mpegts,flv,avi", "-protocol_whitelist", "file"], FfmpegArguments.UntrustedInputOptions(_source));
        Assert.Equal("http,https,tcp,tls", FfmpegArguments.UntrustedInputOptions("https://example.com/v.mp4")[^1]);
    }
}
