using VodManager.Core.Export;
using VodManager.Core.Export.Captions;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Export;

/// <summary>Real exports of a real cut clip: the profile's frame and codecs, the clip's length, captions really burned in.</summary>
public sealed class ExportServiceTests
{
    [Theory]
    [InlineData("center")]
    [InlineData("x=0.2")]
    [InlineData("blur")]
    public async Task An_export_has_the_profiles_frame_and_codecs_and_the_clips_length(string framing)
    {
        await using var s = await ExportScenario.StartAsync();
        var reports = new List<Core.Jobs.JobProgress>();
        var progress = new SyncProgress(p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }
        });

        var result = await s.ExportAsync(s.Spec(framing: framing), progress);

        var vod = await s.VodAsync(result.VodId);
        Assert.Equal((VodType.Export, VodStatus.Stored, s.Clip.Id), (vod.Type, vod.Status, vod.SourceVodId));
        Assert.Equal((ExportScenario.Small, Framing.Parse(framing).ToString(), false), (vod.ExportProfile, vod.ExportFraming, vod.ExportChat));
        var media = await TestMedia.Probe().ProbeAsync(await s.DownloadAsync(vod), CancellationToken.None);
        Assert.Equal((180, 320, "h264", "aac"), (media.Width, media.Height, media.VideoCodec, media.AudioCodec));
        var clip = await TestMedia.Probe().ProbeAsync(await s.DownloadAsync(s.Clip), CancellationToken.None);
        Assert.InRange(media.DurationSeconds, clip.DurationSeconds - 1 / 30.0, clip.DurationSeconds + 1 / 30.0);
        Assert.Equal(new FileInfo(await s.DownloadAsync(vod)).Length, vod.SizeBytes);
        Assert.Contains(reports, p => p.Stage == "encoding" && p.Percent is > 5 and < 95);
        Assert.Equal(100, reports[^1].Percent);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_profile_with_a_frame_rate_sets_it()
    {
        await using var s = await ExportScenario.StartAsync();

        var result = await s.ExportAsync(s.Spec(ExportScenario.Tiny));

        var media = await TestMedia.Probe().ProbeAsync(await s.DownloadAsync(await s.VodAsync(result.VodId)), CancellationToken.None);
        Assert.Equal((144, 256, 15.0), (media.Width, media.Height, media.FrameRate));
    }

    [Fact]
    public async Task A_portrait_phone_clip_turned_by_its_display_matrix_fills_the_vertical_frame_whole()
    {
        // Stored as 320x180 frames turned by 90: shown 180x320, already the profile's 9:16, so the centre crop is the
        // whole picture (it was cut from the stored size: a 101x180 strip of the upright picture, zoomed).
        await using var s = await ExportScenario.StartAsync(rotation: 90);
        Assert.Equal((180, 320), (s.Clip.Width, s.Clip.Height));

        var result = await s.ExportAsync(s.Spec(framing: "center"));

        var export = await s.DownloadAsync(await s.VodAsync(result.VodId));
        using var folder = new TempFolder("rotated-export");
        var (exported, clip) = (await Frames.GrayAsync(export, 1, folder.Path), await Frames.GrayAsync(await s.DownloadAsync(s.Clip), 1, folder.Path));
        Assert.True(Frames.MeanDifference(exported, clip, 180, 0, 320) < 6, "the export is not the clip's upright picture");
        await s.AssertNothingLeftBehindAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Captions_are_burned_into_the_caption_area_during_their_time_only(bool overMemoryBudget)
    {
        // Over the budget every track is drawn per frame instead of pasted from its drawn states.
        await using var s = await ExportScenario.StartAsync(overMemoryBudget ? new Dictionary<string, string?> { ["Export:MaxCaptionSheetBytes"] = "0" } : null);
        // Stream time 3–5 s is clip time 1–3 s (the clip starts at 2 s).
        await s.AddTranscriptAsync((3, 5, "CLIP IT NOW"));

        var result = await s.ExportAsync(s.Spec());
        Assert.True(result.Captioned);
        Assert.Equal(1, result.CaptionCount);
        var captioned = await s.DownloadAsync(await s.VodAsync(result.VodId));

        // The same clip through the same renderer without captions.
        var plainFolder = s.Cut.Host.Folder.File("plain");
        Directory.CreateDirectory(plainFolder);
        var clipFile = await s.DownloadAsync(s.Clip);
        var media = await TestMedia.Probe().ProbeAsync(clipFile, CancellationToken.None);
        var renderer = s.Cut.Host.Get<VerticalRenderer>();
        var plain = await renderer.RenderAsync(
            clipFile, media, s.Exports.Profile(ExportScenario.Small), Framing.Center, [], plainFolder, null, CancellationToken.None);

        var layout = CaptionLayout.For(180, 320, "DejaVu Sans");
        // Which way the renderer drew them: pasted from drawn states, or drawn per frame when over the budget.
        var script = await s.Cut.Host.Get<ExportCaptions>().BuildAsync(await s.VodAsync(s.Clip.Id), media.DurationSeconds, layout, chat: false, chatSeconds: 5, chatLines: 5, CancellationToken.None);
        var drawnFolder = s.Cut.Host.Folder.File("drawn");
        Directory.CreateDirectory(drawnFolder);
        await renderer.RenderAsync(clipFile, media, s.Exports.Profile(ExportScenario.Small), Framing.Center, script.Sheets, drawnFolder, null, CancellationToken.None);
        var drawn = await File.ReadAllTextAsync(Path.Combine(drawnFolder, "graph.txt"));
        Assert.True(drawn.Contains(overMemoryBudget ? ",ass=filename=" : "overlay=x="), drawn);

        var captionBottom = 320 - layout.Spoken.MarginVertical;
        var captionTop = captionBottom - 2 * layout.Spoken.FontSize;
        var during = (await Frames.GrayAsync(captioned, 2, plainFolder), await Frames.GrayAsync(plain.Path, 2, plainFolder));
        var after = (await Frames.GrayAsync(captioned, 3.6, plainFolder), await Frames.GrayAsync(plain.Path, 3.6, plainFolder));

        var captionArea = Frames.MeanDifference(during.Item1, during.Item2, 180, captionBottom - layout.Spoken.FontSize, captionBottom);
        var top = Frames.MeanDifference(during.Item1, during.Item2, 180, 0, captionTop - 10);
        var captionAreaAfter = Frames.MeanDifference(after.Item1, after.Item2, 180, captionBottom - layout.Spoken.FontSize, captionBottom);
        Assert.True(captionArea > 12, $"caption area differs by {captionArea:0.0} per pixel while the caption is shown");
        Assert.True(top < 4, $"the rest of the frame differs by {top:0.0} per pixel");
        Assert.True(captionAreaAfter < 4, $"caption area differs by {captionAreaAfter:0.0} per pixel after the caption ended");
    }

    [Fact]
    public async Task The_caption_script_is_on_the_clips_clock_and_cut_to_the_clip()
    {
        await using var s = await ExportScenario.StartAsync();
        await s.AddTranscriptAsync((1, 2.5, "before and into the clip"), (3.25, 4.5, "inside"), (5.5, 9, "runs past the end"), (7, 8, "after"));
        await s.AddChatAsync((1, "early", "seen at the start"), (4, "viewer{\\b1}", "POG {\\pos(0,0)}"));
        var clip = await s.VodAsync(s.Clip.Id);
        Assert.Equal(2, clip.SourceStartSeconds!.Value, 3);

        var script = await s.Cut.Host.Get<ExportCaptions>().BuildAsync(clip, 4, CaptionLayout.For(1080, 1920, "DejaVu Sans"), chat: true, chatSeconds: 5, chatLines: 5, CancellationToken.None);

        var spoken = script.Sheets.Single(sheet => sheet.Style.Name == "Caption");
        Assert.Equal([(0.0, 0.5), (1.25, 2.5), (3.5, 4.0)], spoken.States.Select(st => (Math.Round(st.Start, 3), Math.Round(st.End, 3))));
        var chat = script.Sheets.Single(sheet => sheet.Style.Name == "Chat");
        Assert.Contains(chat.States, st => (st.Start, st.End) == (0, 2) && st.Cues.Single().Lines.Single().Speaker == "early");
        Assert.Contains(chat.States, st => (st.Start, st.End) == (2, 4) && st.Cues.Single().Lines.Count == 2);
        var sheetScript = AssDocument.WriteSheet(chat);
        Assert.Contains("POG (/pos(0,0))", sheetScript);
        Assert.DoesNotContain("{\\pos", sheetScript);
        Assert.Equal((3, 2), (script.SpokenCues, script.ChatCues));
    }

    [Fact]
    public async Task Chat_in_emoji_cjk_thai_and_devanagari_reaches_the_overlay_and_burns_in()
    {
        await using var s = await ExportScenario.StartAsync(new Dictionary<string, string?>
        {
            ["Export:Profiles:look-540x960:Width"] = "540", ["Export:Profiles:look-540x960:Height"] = "960",
            ["Export:Profiles:look-540x960:Preset"] = "ultrafast", ["Export:Profiles:look-540x960:VideoBitrateKbps"] = "1500",
        });
        await s.AddChatAsync((3, "mebsixtyeight", "bug or no bug 😄"), (3.5, "peeri", "hot 🔥"), (4, "小明", "中文 日本語 한국어 gg"), (4.2, "somchai", "สวัสดีครับ नमस्ते"), (4.5, "only", "🔥"));

        var script = await s.Cut.Host.Get<ExportCaptions>().BuildAsync(await s.VodAsync(s.Clip.Id), 4, CaptionLayout.For(180, 320, "DejaVu Sans"), chat: true, chatSeconds: 5, chatLines: 5, CancellationToken.None);

        var lines = script.Sheets.Single(sheet => sheet.Style.Name == "Chat").States[^1].Cues.Single().Lines;
        Assert.Equal(["bug or no bug 😄", "hot 🔥", "中文 日本語 한국어 gg", "สวัสดีครับ नमस्ते", "🔥"], lines.Select(l => l.Text));
        Assert.Equal("小明", lines[2].Speaker);
        var result = await s.ExportAsync(s.Spec("look-540x960", chat: true)); // big enough to read the still
        Assert.Equal((false, 5), (result.AlreadyExported, result.ChatCount)); // one state per message that arrived
        var still = Path.Combine(Browser.ScreenshotFolder, "export-chat-emoji-cjk.png");
        Directory.CreateDirectory(Browser.ScreenshotFolder);
        await TestMedia.Runner().RunAsync(
            FFMpegCore.FFMpegArguments.FromFileInput(await s.DownloadAsync(await s.VodAsync(result.VodId)), true, o => o.WithCustomArgument("-ss 3.5"))
                .OutputToFile(still, true, o => o.WithCustomArgument("-frames:v 1")),
            still, null, null, CancellationToken.None);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_clip_of_a_stream_without_transcript_exports_without_captions_and_says_so()
    {
        await using var s = await ExportScenario.StartAsync();

        var result = await s.ExportAsync(s.Spec());

        Assert.False(result.Captioned);
        Assert.Contains("no captions: the stream has no transcript", result.Summary);
        Assert.False((await s.VodAsync(result.VodId)).ExportCaptions);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Chat_asked_for_a_range_without_chat_still_exports_and_says_so()
    {
        await using var s = await ExportScenario.StartAsync();
        await s.AddChatAsync((15, "late", "after the clip"));

        var result = await s.ExportAsync(s.Spec(chat: true));

        Assert.Equal(0, result.ChatCount);
        Assert.Contains("no chat overlay: no chat messages in this clip's range", result.Summary);
        Assert.True((await s.VodAsync(result.VodId)).ExportChat);
    }

    [Fact]
    public async Task Captions_burn_in_from_a_work_folder_whose_path_needs_escaping()
    {
        var odd = Path.Combine(Path.GetTempPath(), "vodmanager-tests", $"odd, it's [a]: {Guid.NewGuid():N}");
        try
        {
            await using var s = await ExportScenario.StartAsync(new Dictionary<string, string?> { ["Export:TempFolder"] = odd });
            await s.AddTranscriptAsync((3, 5, "odd paths"));

            var result = await s.ExportAsync(s.Spec());

            Assert.True(result.Captioned);
            await s.AssertNothingLeftBehindAsync();
        }
        finally
        {
            if (Directory.Exists(odd))
            {
                Directory.Delete(odd, true);
            }
        }
    }
}
