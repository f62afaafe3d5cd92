using VodManager.Core.Detection;
using VodManager.Core.Media;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Detection;

/// <summary>`analyze` over files, with a real ffmpeg-made video.</summary>
public sealed class FileAnalyzerTests : IDisposable
{
    private readonly TempFolder _folder = new("analyze");

    [Fact]
    public async Task A_video_without_sound_bounds_the_chat_it_is_analyzed_with_and_alone_is_refused_by_name()
    {
        var video = await TestMedia.GetAsync(new TestPatternSpec(90, Audio: false));
        var chat = _folder.File("chat.txt");
        var random = new Random(3);
        await File.WriteAllLinesAsync(chat, Enumerable.Range(0, 120).SelectMany(second =>
            Enumerable.Range(0, second is >= 40 and < 48 ? 8 : random.Next(2)).Select(_ => $"[00:{second / 60:00}:{second % 60:00}] user{random.Next(60)}: KEKW")));

        var outcome = await Detectors.Analyzer().AnalyzeAsync(new AnalyzeFiles(chat, null, null, video), 3, null, CancellationToken.None);

        Assert.Contains(outcome.Highlights, h => h.Start <= 40 && 44 <= h.End && h.Signals.Chat > 0);
        Assert.All(outcome.Highlights, h => Assert.True(h.End <= 90.1, $"{h.Start}-{h.End} runs past the 90 s video"));
        Assert.All(outcome.Highlights, h => Assert.Equal(0, h.Signals.Audio));
        var alone = await Assert.ThrowsAsync<DetectionException>(() => Detectors.Analyzer().AnalyzeAsync(new AnalyzeFiles(null, null, null, video), 3, null, CancellationToken.None));
        Assert.Equal($"'{Path.GetFileName(video)}' has no audio track, so there is no loudness to detect from: give its chat, events or transcript too.", alone.Message);
    }

    public void Dispose() => _folder.Dispose();
}
