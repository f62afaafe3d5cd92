using FFMpegCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Data.Entities;
using VodManager.Core.Export;
using VodManager.Core.Export.Captions;
using VodManager.Core.Media;

namespace VodManager.Tests.Export;

/// <summary>
/// The chat box put together from lines drawn once (<see cref="CaptionScroll"/>) against libass drawing each state
/// whole, both burned into a flat gray video where a box's shade can be read: the same lines in the same places, and
/// where neighbouring lines' boxes overlap the composed box keeps its one shade (libass's separate boxes darken there).
/// </summary>
public sealed class ChatStripTests : IDisposable
{
    private static readonly ExportProfile Profile = new() { Width = 360, Height = 640, Preset = "ultrafast", VideoBitrateKbps = 20_000, FrameRate = 30 };
    private readonly string folder = Path.Combine(Path.GetTempPath(), "vodmanager-tests", $"chat-strips-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_chat_state_put_together_from_strips_matches_the_state_drawn_whole_and_its_overlaps_do_not_darken()
    {
        Directory.CreateDirectory(folder);
        var gray = Path.Combine(folder, "gray.mp4");
        await TestMedia.Runner().RunAsync(
            FFMpegArguments.FromFileInput("color=c=0x808080:s=320x180:r=30:d=2", false, o => o.ForceFormat("lavfi"))
                .OutputToFile(gray, true, o => o.WithCustomArgument("-c:v libx264 -preset ultrafast -qp 0 -pix_fmt yuv420p")),
            gray, null, null, CancellationToken.None);
        var media = await TestMedia.Probe().ProbeAsync(gray, CancellationToken.None);
        var layout = CaptionLayout.For(Profile.Width, Profile.Height, "DejaVu Sans");
        var messages = Enumerable.Range(0, 3).Select(i => new ChatMessage { OffsetSeconds = i * 0.25, AuthorName = $"viewer{i}", Text = $"Pog gg clip it {i}" });
        var sheet = CaptionSheet.For(layout, layout.Chat, 5, ChatCaptions.Build(messages, 0, media.DurationSeconds, 5, 5, layout.Chat.MaxCharsPerLine, GlyphCoverage.Everything));
        var scroll = sheet.Scroll();
        Assert.NotNull(scroll);

        var renderer = new VerticalRenderer(TestMedia.Runner(), TestMedia.Probe(), Options.Create(new ExportOptions { MinOutputBytes = 1 }));
        var composedFolder = Directory.CreateDirectory(Path.Combine(folder, "composed")).FullName;
        var composed = await renderer.RenderAsync(gray, media, Profile, Framing.Center, [sheet], composedFolder, null, CancellationToken.None);
        Assert.Contains("blend=", await File.ReadAllTextAsync(Path.Combine(composedFolder, "graph.txt")));

        var whole = Path.Combine(folder, "whole.mp4");
        var script = Path.Combine(folder, "whole.ass");
        var graph = Path.Combine(folder, "whole-graph.txt");
        await File.WriteAllTextAsync(script, AssDocument.WriteSheet(sheet));
        await File.WriteAllTextAsync(graph, FfmpegArguments.VerticalFilterGraph(media.Width!.Value, media.Height!.Value, Profile, Framing.Center, [new CaptionOverlay(script, sheet)]));
        await TestMedia.Runner().RunAsync(FfmpegArguments.VerticalExport(gray, graph, Profile, whole), whole, null, null, CancellationToken.None);

        // At 1 s all three messages are shown.
        var (a, b) = (await Frames.GrayAsync(composed.Path, 1, folder), await Frames.GrayAsync(whole, 1, folder));
        var w = Profile.Width;
        var outline = layout.Chat.Outline;
        var top = sheet.Top + sheet.BandStyle().MarginVertical; // the first line's top row
        var overlaps = Enumerable.Range(1, 2).SelectMany(k => Enumerable.Range(top + k * scroll.Pitch - outline, 2 * outline)).ToHashSet();
        var lines = Enumerable.Range(top - outline, 3 * scroll.Pitch + 2 * outline).Where(r => !overlaps.Contains(r)).ToList();

        var apart = lines.Average(r => Frames.MeanDifference(a, b, w, r, r + 1));
        Assert.True(apart < 1.5, $"the lines differ by {apart:0.00} per pixel away from the overlaps");

        // The box's left padding (left of the text) holds no glyphs: one shade all the way down when composed.
        var boxColumn = layout.Chat.MarginLeft - outline / 2 - 1;
        var composedShades = Enumerable.Range(top - outline + 1, 3 * scroll.Pitch + 2 * outline - 2).Select(r => (int)a[r * w + boxColumn]).ToList();
        var wholeOverlap = overlaps.Average(r => b[r * w + boxColumn]);
        var wholeApart = lines.Where(r => r > top && r < top + 3 * scroll.Pitch).Average(r => b[r * w + boxColumn]);
        Assert.True(composedShades.Max() - composedShades.Min() <= 4, $"composed box shades {string.Join(' ', composedShades)}");
        Assert.True(wholeApart - wholeOverlap > 8, $"drawn whole, the overlaps are {wholeOverlap:0} against {wholeApart:0} elsewhere: the test would not see darkening");
        Assert.True(composedShades.Average() < 100, $"a box is there ({composedShades.Average():0} on a background of 128)");
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }
    }
}
