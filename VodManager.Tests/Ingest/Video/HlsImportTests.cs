using System.Globalization;
using FFMpegCore;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Cutting;
using VodManager.Core.Library;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;
using Xunit.Abstractions;

namespace VodManager.Tests.Ingest.Video;

/// <summary>
/// A URL import given an HLS playlist, as a Twitch VOD or a streaming server's archive publishes one: real segments
/// cut by ffmpeg from the test video, served over HTTP, fetched one by one and stored joined; and every playlist that
/// cannot be joined refused naming why, leaving nothing behind.
/// </summary>
public sealed class HlsImportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempFolder _published = new("hls");
    private FileServer _server = default!;

    public async Task InitializeAsync() => _server = await FileServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _published.Dispose();
    }

    private static VideoImportTarget Target(ImportHost host) => new(host.Account.Id, host.Stream.Id);

    /// <summary>The 20 s test video cut into 4 s HLS segments under <paramref name="folder"/>: MPEG-TS, or fMP4 with an init section.</summary>
    /// <param name="timestampOffset">Seconds added to every timestamp (MPEG-TS): where an encoder started again after a gap would count from.</param>
    private async Task<string> SegmentAsync(string folder, bool fmp4 = false, int timestampOffset = 0)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_published.Path, folder)).FullName;
        var playlist = Path.Combine(dir, "index.m3u8");
        var kind = fmp4 ? "-hls_segment_type fmp4 -hls_fmp4_init_filename init.mp4" : "";
        await FFMpegArguments.FromFileInput(await TestMedia.GetAsync())
            .OutputToFile(playlist, true, o => o.WithCustomArgument(
                $"-c copy -output_ts_offset {timestampOffset} -f hls -hls_time 4 -hls_playlist_type vod {kind} -hls_segment_filename \"{Path.Combine(dir, fmp4 ? "seg%03d.m4s" : "seg%03d.ts")}\""))
            .ProcessAsynchronously();
        return playlist;
    }

    /// <summary>The lines of a segmented media playlist from its first tag to its last segment, each URI under <paramref name="folder"/>.</summary>
    private static IEnumerable<string> Entries(string playlist, string folder) =>
        File.ReadAllLines(playlist)
            .Where(l => l.StartsWith("#EXTINF", StringComparison.Ordinal) || l.StartsWith("#EXT-X-MAP", StringComparison.Ordinal) || (l.Length > 0 && !l.StartsWith('#')))
            .Select(l => l.StartsWith("#EXT-X-MAP", StringComparison.Ordinal) ? l.Replace("URI=\"", $"URI=\"{folder}/", StringComparison.Ordinal) : l.StartsWith('#') ? l : $"{folder}/{l}");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task A_recording_whose_timestamps_restart_after_a_discontinuity_is_joined_on_the_playlists_timeline(bool fmp4) =>
        ImportRestartingRecordingAsync(new Dictionary<string, string?>(), fmp4);

    /// <summary>On Blob storage ffmpeg reads each part's byte range of the stored recording through its read URL.</summary>
    [Fact]
    [Trait(Speed.Name, Speed.Slow)]
    public async Task A_recording_whose_timestamps_restart_is_joined_on_blob_storage_too() =>
        await ImportRestartingRecordingAsync(await ImportHost.BlobStorageAsync(), fmp4: true);

    private async Task ImportRestartingRecordingAsync(IDictionary<string, string?> storage, bool fmp4)
    {
        await using var host = await ImportHost.StartAsync(storage);
        // The broadcaster's connection dropped: the encoder starts again. Its timestamps restart from zero in fMP4 (a
        // new init section), and in MPEG-TS jump 6 s ahead, a gap ffmpeg keeps when it merely reads the joined bytes.
        var first = await SegmentAsync("before", fmp4);
        var second = await SegmentAsync("after", fmp4, timestampOffset: fmp4 ? 0 : 26);
        await File.WriteAllLinesAsync(Path.Combine(_published.Path, "index-dvr.m3u8"),
            ["#EXTM3U", "#EXT-X-VERSION:6", "#EXT-X-TARGETDURATION:5", .. Entries(first, "before"), "#EXT-X-DISCONTINUITY", .. Entries(second, "after"), "#EXT-X-ENDLIST"]);
        var restart = File.ReadAllLines(first).Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[8..].TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture));
        var reports = new List<JobProgress>();

        var imported = await ImportAsync(host, "index-dvr.m3u8", reports);

        Assert.InRange(imported.Vod.DurationSeconds!.Value, 2 * restart - 0.5, 2 * restart + 0.5);
        Assert.Contains(reports, r => r.Stage == "joining" && r.Message == "its timestamps restart 1 time (the broadcast's connection dropped): its 2 parts joined on the playlist's timeline");
        Assert.Contains($"; the broadcast reconnected at {ClipBounds.Clock(restart)} (its 2 parts joined on the playlist's timeline): Twitch's chat can run ahead of the video from there", imported.Note);
        var stored = await host.Get<VodInputs>().ResolveAsync(imported.Vod.StorageKey, CancellationToken.None);
        var packets = await PacketTimesAsync(host, stored);
        var times = packets.Select(p => p.Pts).Order().ToList();
        Assert.Equal(times.Count, times.Distinct().Count()); // no two frames at one time: the second part did not start over
        Assert.True(times.Zip(times.Skip(1)).Max(t => t.Second - t.First) < 0.5, "no gap in the picture");
        // The second part's first keyframe is where the playlist has it, not where its own timestamps said.
        var resumed = packets.First(p => p.Key && p.Pts > restart - 1);
        Assert.InRange(resumed.Pts, restart - 0.1, restart + 0.1);
        Assert.Empty(Directory.EnumerateFiles(host.Get<Core.WorkAreas>().Rewraps.Folder)); // the run list and the work file
        // Where it reconnected is kept with the video, for the stream page.
        await using var db = await host.Core.DbAsync();
        var reconnect = Assert.Single(Reconnects.Parse((await db.Vods.AsNoTracking().SingleAsync(v => v.Id == imported.Vod.Id)).Reconnects).Seconds);
        Assert.Equal(restart, reconnect, 0.001);
    }

    [Fact]
    public void A_playlists_runs_begin_at_each_discontinuity_and_new_init_section_each_fmp4_run_after_its_init_section()
    {
        const string text = "#EXTM3U\n#EXT-X-MAP:URI=\"init-0.mp4\"\n#EXTINF:10,\n0.mp4\n#EXTINF:10,\n1.mp4\n"
            + "#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init-0.mp4\"\n#EXTINF:4,\n2.mp4\n"
            + "#EXT-X-MAP:URI=\"init-1.mp4\"\n#EXTINF:10,\n3.mp4\n#EXTINF:6,\n4.mp4\n#EXT-X-ENDLIST\n";

        var playlist = HlsPlaylist.Parse(text, new Uri("https://host.example/vod/index-dvr.m3u8")).Media!;

        Assert.Equal(["init-0.mp4", "0.mp4", "1.mp4", "init-0.mp4", "2.mp4", "init-1.mp4", "3.mp4", "4.mp4"], playlist.Parts.Select(p => p.Url.Segments[^1]));
        Assert.Equal([0, 3, 5], playlist.Runs);
        Assert.Equal([(0.0, 20.0), (20.0, 4.0), (24.0, 16.0)], Enumerable.Range(0, 3).Select(playlist.RunSpan));
        Assert.Equal((5, 40.0, true), (playlist.Segments, playlist.DurationSeconds, playlist.Fragmented));
        Assert.Equal([0, 0, 1, 2, 2, 3, 3, 4], playlist.Parts.Select(p => p.Segment));
    }

    [Fact]
    public void A_playlist_changing_from_mpeg_ts_to_fmp4_part_way_is_refused()
    {
        const string text = "#EXTM3U\n#EXTINF:10,\n0.ts\n#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:10,\n1.mp4\n#EXT-X-ENDLIST\n";

        var error = Assert.Throws<VideoImportException>(() => HlsPlaylist.Parse(text, new Uri("https://host.example/index.m3u8")));

        Assert.Equal("'https://host.example/index.m3u8' was refused: its segments change from MPEG-TS to fMP4 part-way, so they do not join into one file.", error.Message);
    }

    private static async Task<List<(double Pts, bool Key)>> PacketTimesAsync(ImportHost host, string input)
    {
        var packets = new List<(double Pts, bool Key)>();
        await host.Get<FfprobeRunner>().RunAsync(["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", input],
            line => packets.Add((double.Parse(line.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture), line.Split(',')[1].StartsWith('K'))), CancellationToken.None);
        return packets;
    }

    private async Task<ImportedVideo> ImportAsync(ImportHost host, string relative, List<JobProgress>? reports = null)
    {
        _server.ServeFolder(_published.Path);
        return await host.Get<VideoImportService>().ImportUrlAsync(Target(host), _server.Sized(relative), Guid.NewGuid().ToString("N"),
            reports is null ? null : new SyncProgress(reports.Add), CancellationToken.None);
    }

    [Fact]
    public async Task A_master_playlists_best_variant_is_fetched_segment_by_segment_and_stored_as_one_mp4()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>());
        var media = await SegmentAsync("chunked");
        var segments = Directory.GetFiles(Path.GetDirectoryName(media)!, "*.ts").Length;
        // Twitch's layout: the source quality ("chunked") first and highest; a lower one that would fail if it were taken.
        await File.WriteAllTextAsync(Path.Combine(_published.Path, "master.m3u8"), """
            #EXTM3U
            #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="chunked",NAME="320x180 (source)",AUTOSELECT=YES,DEFAULT=YES
            #EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=320x180,CODECS="avc1.64001F,mp4a.40.2",VIDEO="chunked"
            chunked/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=160000,RESOLUTION=160x90,CODECS="avc1.4D401F,mp4a.40.2",VIDEO="160p30"
            160p30/index.m3u8
            """);
        var reports = new List<JobProgress>();

        var imported = await ImportAsync(host, "master.m3u8", reports);

        var vod = imported.Vod;
        Assert.Equal((VodStatus.Stored, VodType.Archive), (vod.Status, vod.Type));
        Assert.EndsWith(".mp4", vod.StorageKey);
        Assert.InRange(vod.DurationSeconds!.Value, 19.5, 20.5);
        Assert.Equal(("h264", "aac"), (vod.VideoCodec, vod.AudioCodec));
        Assert.Equal(host.Stream.Title, vod.Title); // not "index", the playlist's name
        Assert.Contains(reports, r => r.Message == $"HLS playlist: {segments} segments, 00:00:20, 320x180 H.264");
        Assert.DoesNotContain("variant was taken", imported.Note); // the best variant was H.264: nothing passed over
        // No size is known ahead: the bar moves by segments, not stuck at its start.
        var storing = reports.Where(r => r.Stage == "storing").ToList();
        Assert.Contains(storing, r => r.Message!.EndsWith($", segment 1 of {segments}", StringComparison.Ordinal) && r.Percent > 5);
        Assert.Equal(2 + segments, _server.Requests); // master, media playlist, each segment once; the low variant never
        var stored = await host.Get<VodInputs>().ResolveAsync(vod.StorageKey, CancellationToken.None);
        var probed = await FFProbe.AnalyseAsync(stored);
        Assert.InRange(probed.Duration.TotalSeconds, 19.5, 20.5);
        Assert.Equal("mov,mp4,m4a,3gp,3g2,mj2", probed.Format.FormatName);
    }

    [Fact]
    public async Task An_enhanced_broadcasts_hevc_source_is_passed_over_for_its_best_h264_variant_and_the_import_says_so()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>());
        var media = await SegmentAsync("1080p60");
        var segments = Directory.GetFiles(Path.GetDirectoryName(media)!, "*.ts").Length;
        // A channel on Enhanced Broadcasting: its source in HEVC, renditions in AV1 and H.264, and sound alone. Only
        // the H.264 one is published here: fetching any other fails the test.
        await File.WriteAllTextAsync(Path.Combine(_published.Path, "master.m3u8"), """
            #EXTM3U
            #EXT-X-STREAM-INF:BANDWIDTH=12946000,CODECS="hvc1.2.4.L150.90,mp4a.40.2",RESOLUTION=2560x1440,VIDEO="1440p60",FRAME-RATE=60.000
            1440p60/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=6690000,CODECS="av01.0.09M.10,mp4a.40.2",RESOLUTION=1920x1080,VIDEO="1080p60av1",FRAME-RATE=60.000
            1080p60av1/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=3400000,CODECS="avc1.64002A,mp4a.40.2",RESOLUTION=1920x1080,VIDEO="1080p60",FRAME-RATE=60.000
            1080p60/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=1385000,CODECS="avc1.64001F,mp4a.40.2",RESOLUTION=854x480,VIDEO="480p30",FRAME-RATE=30.000
            480p30/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=160000,CODECS="mp4a.40.2",VIDEO="audio_only"
            audio_only/index.m3u8
            """);
        var reports = new List<JobProgress>();

        var imported = await ImportAsync(host, "master.m3u8", reports);

        Assert.Equal(("h264", VodStatus.Stored), (imported.Vod.VideoCodec, imported.Vod.Status));
        Assert.Equal(2 + segments, _server.Requests); // the master, the H.264 variant's playlist and its segments alone
        Assert.Contains(reports, r => r.Message == $"HLS playlist: {segments} segments, 00:00:20, 1920x1080 H.264");
        Assert.StartsWith("; the 1920x1080 H.264 variant was taken, not the 2560x1440 HEVC one: H.264 plays in every browser", imported.Note);
        Assert.Contains("Import:HlsPreferH264=false takes the highest", imported.Note);
        Assert.Contains(reports, r => r.Stage == "stored" && r.Message!.Contains("the 1920x1080 H.264 variant was taken", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, "1080p60", "1440p60")]
    [InlineData(false, "1440p60", null)]
    public void The_variant_taken_is_the_best_h264_one_unless_the_highest_is_asked_for(bool preferH264, string taken, string? passedOver)
    {
        const string master = "#EXTM3U\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=160000,CODECS=\"mp4a.40.2\",VIDEO=\"audio_only\"\naudio_only/index.m3u8\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=3400000,CODECS=\"avc1.64002A,mp4a.40.2\",VIDEO=\"1080p60\"\n1080p60/index.m3u8\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=12946000,CODECS=\"hev1.2.4.L150.90,mp4a.40.2\",VIDEO=\"1440p60\"\n1440p60/index.m3u8\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=1385000,CODECS=\"avc1.64001F,mp4a.40.2\",VIDEO=\"480p30\"\n480p30/index.m3u8\n";

        var (_, variant, passed) = HlsPlaylist.Parse(master, new Uri("https://host.example/vod/master.m3u8"), preferH264);

        Assert.Equal(new Uri($"https://host.example/vod/{taken}/index.m3u8"), variant!.Url);
        Assert.Equal(passedOver, passed?.Name);
    }

    [Theory]
    [InlineData("avc1.64002A,mp4a.40.2", null, "H.264", true, false)]
    [InlineData("mp4a.40.2,avc3.4D401F", null, "H.264", true, false)]
    [InlineData("hvc1.2.4.L150.90,mp4a.40.2", null, "HEVC", false, false)]
    [InlineData("dvh1.05.06,ec-3", null, "HEVC", false, false)]
    [InlineData("av01.0.09M.10,mp4a.40.2", null, "AV1", false, false)]
    [InlineData("vp09.00.40.08,opus", null, "VP9", false, false)]
    [InlineData(null, null, null, true, false)]
    [InlineData("mp4a.40.2", null, null, true, true)]
    [InlineData("ec-3,ac-3", null, null, true, true)]
    [InlineData(null, "audio_only", null, true, true)]
    public void A_variants_codecs_say_whether_it_is_h264_or_sound_alone(string? codecs, string? name, string? video, bool h264, bool audioOnly)
    {
        var variant = new HlsVariant(new Uri("https://host.example/v.m3u8"), 1, null, codecs, null, name);

        Assert.Equal((video, h264, audioOnly), (variant.VideoCodec, variant.H264, variant.AudioOnly));
    }

    [Theory]
    [InlineData("1920x1080", "2560x1440", true)] // Twitch's transcodes beside an Enhanced Broadcasting source
    [InlineData("1280x720", "1920x1080", false)] // 720 of 1080: too few for a vertical clip
    [InlineData("852x480", "1920x1080", false)] // a channel without transcodes: AV1, and H.264 only as a fallback
    [InlineData("1280x720", "1280x720", true)]
    [InlineData("1920x1080", "3840x2160", true)] // 1080 lines are always enough
    [InlineData(null, "2560x1440", true)] // what the master does not say is no reason to pass H.264 over
    public void An_h264_variant_is_taken_over_a_better_one_unless_it_has_too_few_lines_for_clips(string? h264Resolution, string otherResolution, bool h264Taken)
    {
        var h264 = new HlsVariant(new Uri("https://host.example/h264.m3u8"), 3_000_000, null, "avc1.64002A,mp4a.40.2", h264Resolution);
        var other = new HlsVariant(new Uri("https://host.example/av1.m3u8"), 6_000_000, null, "av01.0.09M.10,mp4a.40.2", otherResolution);

        var (chosen, passed) = HlsPlaylist.Choose([other, h264], preferH264: true);

        Assert.Equal(h264Taken ? (h264, other) : (other, h264), (chosen, passed));
        var note = (new HlsPlaylist([], false, 0, [], []) { Variant = chosen, PassedOver = passed }).Note();
        Assert.Contains(h264Taken ? "H.264 plays in every browser" : $"not the {h264Resolution} H.264 one: too few lines for clips", note);
    }

    [Fact]
    public void Beside_an_hevc_source_and_an_h264_fallback_too_small_the_av1_rendition_is_taken()
    {
        // A channel without Twitch's transcodes on Enhanced Broadcasting, as yt-dlp lists one: its 1440p source in
        // HEVC, 1080p and 720p in AV1 (browsers decode it without hardware), and a 480p H.264 fallback.
        var hevc = new HlsVariant(new Uri("https://host.example/1440p60.m3u8"), 12_946_000, null, "hvc1.2.4.L150,mp4a.40.2", "2560x1440");
        var av1 = new HlsVariant(new Uri("https://host.example/1080p60.m3u8"), 6_690_000, null, "av01.0.09M.10,mp4a.40.2", "1920x1080");
        var av1Small = new HlsVariant(new Uri("https://host.example/720p60.m3u8"), 4_041_000, null, "av01.0.08M.10,mp4a.40.2", "1280x720");
        var h264 = new HlsVariant(new Uri("https://host.example/480p30.m3u8"), 1_385_000, null, "avc1.64001F,mp4a.40.2", "854x480");

        var (chosen, passed) = HlsPlaylist.Choose([h264, av1Small, av1, hevc], preferH264: true);

        Assert.Equal((av1, hevc), (chosen, passed));
        Assert.Equal("; the 1920x1080 AV1 variant was taken, not the 2560x1440 HEVC one: AV1 plays in browsers without a hardware decoder, HEVC does not (setting Import:HlsPreferH264=false takes the highest)",
            new HlsPlaylist([], false, 0, [], []) { Variant = chosen, PassedOver = passed }.Note());
        // Without an AV1 rendition of lines enough the source is taken, and the small H.264 one named as passed over.
        Assert.Equal((hevc, h264), HlsPlaylist.Choose([h264, av1Small, hevc], preferH264: true));
    }

    [Fact]
    public void A_master_without_an_h264_variant_gives_one_browsers_decode_else_its_best_and_never_sound_alone_over_a_picture()
    {
        var hevc = new HlsVariant(new Uri("https://host.example/hevc.m3u8"), 900, null, "hvc1.1.6.L93.B0,mp4a.40.2", "1280x720");
        var av1 = new HlsVariant(new Uri("https://host.example/av1.m3u8"), 800, null, "av01.0.05M.08,mp4a.40.2", "1280x720");
        var sound = new HlsVariant(new Uri("https://host.example/audio.m3u8"), 5_000, null, "mp4a.40.2");

        Assert.Equal((av1, hevc), HlsPlaylist.Choose([av1, sound, hevc], preferH264: true));
        Assert.Equal((hevc, (HlsVariant?)null), HlsPlaylist.Choose([av1, sound, hevc], preferH264: false));
        Assert.Equal((hevc, (HlsVariant?)null), HlsPlaylist.Choose([sound, hevc], preferH264: true));
        Assert.Equal((sound, (HlsVariant?)null), HlsPlaylist.Choose([sound], preferH264: true));
    }

    [Fact]
    public async Task A_vod_that_cannot_fit_the_accounts_room_by_its_masters_rate_is_refused_before_a_segment_is_fetched()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>(), quotaBytes: 5_000_000);
        await SegmentAsync("chunked");
        // Twitch gives BANDWIDTH alone: the peak, about 1.4× the average. Half of 8.5 Mbit/s for 20 s is 10.7 MB.
        await File.WriteAllTextAsync(Path.Combine(_published.Path, "master.m3u8"), """
            #EXTM3U
            #EXT-X-STREAM-INF:BANDWIDTH=8534030,RESOLUTION=1920x1080,CODECS="avc1.64002A,mp4a.40.2",VIDEO="chunked"
            chunked/index.m3u8
            """);

        var error = await Assert.ThrowsAsync<VideoImportException>(() => ImportAsync(host, "master.m3u8"));

        output.WriteLine(error.Message);
        Assert.Contains("/f/master.m3u8' was refused: its video is at least 10.2 MB (up to 8.5 Mbit/s for 00:00:20), more than the 4.8 MB it may take (the free space of account '", error.Message);
        Assert.EndsWith("); nothing was downloaded.", error.Message);
        Assert.Equal(2, _server.Requests); // the master and the media playlist, no segment
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task An_fmp4_playlist_is_joined_after_its_init_section()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>());
        await SegmentAsync("fmp4", fmp4: true);

        var vod = (await ImportAsync(host, "fmp4/index.m3u8")).Vod;

        Assert.Equal(VodStatus.Stored, vod.Status);
        Assert.InRange(vod.DurationSeconds!.Value, 19.5, 20.5);
        Assert.Equal(("h264", "aac"), (vod.VideoCodec, vod.AudioCodec));
    }

    public static TheoryData<string, string, string> Unjoinable() => new()
    {
        { "encrypted", "#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\"\n", "its segments are encrypted (AES-128), which cannot be imported" },
        { "byte range without a start", "#EXT-X-BYTERANGE:1000\n", "a byte range of 'seg000.ts' gives no start and does not follow a range of the same file" },
        { "byte range garbled", "#EXT-X-BYTERANGE:1000@x\n", "'1000@x' is not a byte range (length[@start])" },
        { "live", null!, "it is a live playlist still growing (no #EXT-X-ENDLIST); import it once the stream has ended" },
    };

    [Theory]
    [MemberData(nameof(Unjoinable))]
    public async Task A_playlist_that_cannot_be_joined_is_refused_naming_why_before_a_segment_is_fetched(string name, string? inserted, string expected)
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>());
        var media = await SegmentAsync("vod");
        var lines = (await File.ReadAllLinesAsync(media)).ToList();
        if (inserted is null)
        {
            lines.Remove("#EXT-X-ENDLIST");
        }
        else
        {
            lines.Insert(lines.FindIndex(l => l.StartsWith("#EXTINF", StringComparison.Ordinal)), inserted.TrimEnd('\n'));
        }

        await File.WriteAllLinesAsync(media, lines);

        var error = await Assert.ThrowsAsync<VideoImportException>(() => ImportAsync(host, "vod/index.m3u8"));

        output.WriteLine($"{name}: {error.Message}");
        Assert.Contains($"/f/vod/index.m3u8' was refused: {expected}", error.Message);
        Assert.Equal(1, _server.Requests);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    /// <summary>
    /// ffmpeg's single-file HLS: one file, each segment a byte range of it (#EXT-X-BYTERANGE), the fMP4 init section
    /// too (#EXT-X-MAP BYTERANGE). Each is fetched as its range, never the whole file, and joined as separate files are.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_playlist_of_byte_ranges_of_one_file_is_fetched_range_by_range_and_stored(bool fmp4)
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>());
        var file = await SingleFileAsync("single", fmp4);
        var playlist = await File.ReadAllTextAsync(Path.Combine(_published.Path, "single", "index.m3u8"));
        Assert.Contains("#EXT-X-BYTERANGE:", playlist);
        Assert.Equal(fmp4, playlist.Contains("#EXT-X-MAP:URI=\"all.mp4\",BYTERANGE=", StringComparison.Ordinal));

        var imported = await ImportAsync(host, "single/index.m3u8");

        Assert.Equal(VodStatus.Stored, imported.Vod.Status);
        Assert.InRange(imported.Vod.DurationSeconds!.Value, 19.5, 20.5);
        Assert.Equal(("h264", "aac"), (imported.Vod.VideoCodec, imported.Vod.AudioCodec));
        // The playlist, then one request per part, each for its own range: the file was sent once, not once a segment.
        var parts = playlist.Split('\n').Count(l => l.StartsWith("#EXT-X-BYTERANGE:", StringComparison.Ordinal)) + (fmp4 ? 1 : 0);
        Assert.Equal(1 + parts, _server.Requests);
        Assert.InRange(_server.BytesSent, new FileInfo(file).Length, new FileInfo(file).Length + playlist.Length);
    }

    [Fact]
    public async Task A_byte_range_whose_connection_drops_is_taken_up_again_within_its_range()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>(),
            new Dictionary<string, string?> { ["Import:UrlRetryDelay"] = "00:00:00.010", ["Import:HlsParallelSegments"] = "1" });
        var file = await SingleFileAsync("resume", fmp4: false);
        var playlist = await File.ReadAllTextAsync(Path.Combine(_published.Path, "resume", "index.m3u8"));
        var parts = playlist.Split('\n').Count(l => l.StartsWith("#EXT-X-BYTERANGE:", StringComparison.Ordinal));
        _server.Fail("resume/all.ts", new FileServer.Fault.BreakAfter(100_000)); // the first segment's range breaks off

        var imported = await ImportAsync(host, "resume/index.m3u8");

        Assert.InRange(imported.Vod.DurationSeconds!.Value, 19.5, 20.5);
        Assert.Equal(1 + parts + 1, _server.Requests); // the playlist, each range, the broken one's rest
        // Asked again from where it broke (what arrived of the 100,000 bytes sent), not from the range's start.
        var first = long.Parse(playlist.Split('\n').First(l => l.StartsWith("#EXT-X-BYTERANGE:", StringComparison.Ordinal))[17..].Split('@')[0], CultureInfo.InvariantCulture);
        var starts = _server.RangeStarts.ToList(); // the playlist's (0), the first range's (0), its rest's, the others'
        Assert.Equal(parts + 2, starts.Count);
        Assert.Equal([0, 0], starts[..2]);
        Assert.InRange(starts[2], 1, Math.Min(100_000, first - 1));
        // Nothing sent twice but what the break lost in flight (the server wrote 100,000 bytes, fewer arrived).
        Assert.InRange(_server.BytesSent, new FileInfo(file).Length, new FileInfo(file).Length + playlist.Length + 100_000 - starts[2]);
    }

    [Fact]
    public async Task A_playlist_of_byte_ranges_on_a_server_that_sends_whole_files_is_refused_naming_it_and_leaves_nothing()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>());
        await SingleFileAsync("whole", fmp4: false);
        _server.Ranges = false;

        var error = await Assert.ThrowsAsync<VideoImportException>(() => ImportAsync(host, "whole/index.m3u8"));

        output.WriteLine(error.Message);
        Assert.StartsWith("Segment 1 of ", error.Message);
        Assert.Contains("/f/whole/all.ts' was refused: asked for bytes 0-", error.Message);
        Assert.EndsWith("it answered 200 with the whole file: the server does not serve byte ranges.", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task A_file_of_byte_ranges_replaced_between_two_segments_is_refused_naming_it_and_leaves_nothing()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>(), new Dictionary<string, string?> { ["Import:HlsParallelSegments"] = "1" });
        var file = await SingleFileAsync("replaced", fmp4: false);
        // Republished while the first segment's range is sent: the next ranges would come from another file.
        _server.Fail("replaced/all.ts", new FileServer.Fault.WhileSending(() => File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(1))));

        var error = await Assert.ThrowsAsync<VideoImportException>(() => ImportAsync(host, "replaced/index.m3u8"));

        output.WriteLine(error.Message);
        Assert.StartsWith("Segment 2 of ", error.Message);
        Assert.Contains("/f/replaced/all.ts' changed while its segments were fetched (ETag \"", error.Message);
        Assert.Matches(@"bytes now, ETag ""[0-9a-f-]+"", \d+ bytes for an earlier segment\); nothing was kept\.$", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    /// <summary>The 20 s test video as single-file HLS under <paramref name="folder"/> (ffmpeg's -hls_flags single_file); returns the one media file.</summary>
    private async Task<string> SingleFileAsync(string folder, bool fmp4)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_published.Path, folder)).FullName;
        var media = Path.Combine(dir, fmp4 ? "all.mp4" : "all.ts");
        var kind = fmp4 ? "-hls_segment_type fmp4" : "";
        await FFMpegArguments.FromFileInput(await TestMedia.GetAsync())
            .OutputToFile(Path.Combine(dir, "index.m3u8"), true, o => o.WithCustomArgument(
                $"-c copy -f hls -hls_time 4 -hls_playlist_type vod -hls_flags single_file {kind} -hls_segment_filename \"{media}\""))
            .ProcessAsynchronously();
        return media;
    }

    [Fact]
    public async Task A_missing_segment_fails_the_import_naming_it_and_leaves_nothing()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>());
        var media = await SegmentAsync("gap");
        var segments = Directory.GetFiles(Path.GetDirectoryName(media)!, "*.ts").Order().ToList();
        File.Delete(segments[2]);

        var error = await Assert.ThrowsAsync<VideoImportException>(() => ImportAsync(host, "gap/index.m3u8"));

        output.WriteLine(error.Message);
        Assert.StartsWith($"Segment 3 of {segments.Count} of the playlist: '", error.Message);
        Assert.EndsWith("/f/gap/seg002.ts' answered 404 Not Found.", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task A_segment_that_drops_and_one_that_answers_503_are_taken_up_again_and_the_playlist_still_joins()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>(), new Dictionary<string, string?> { ["Import:UrlRetryDelay"] = "00:00:00.010" });
        var media = await SegmentAsync("flaky");
        var segments = Directory.GetFiles(Path.GetDirectoryName(media)!, "*.ts").Length;
        _server.Fail("flaky/seg001.ts", new FileServer.Fault.BreakAfter(new FileInfo(Path.Combine(_published.Path, "flaky", "seg001.ts")).Length / 2));
        _server.Fail("flaky/seg002.ts", new FileServer.Fault.Status(503));

        var vod = (await ImportAsync(host, "flaky/index.m3u8")).Vod;

        Assert.Equal(VodStatus.Stored, vod.Status);
        Assert.InRange(vod.DurationSeconds!.Value, 19.5, 20.5);
        Assert.Equal(1 + segments + 2, _server.Requests); // the playlist, each segment, the broken one's rest, the 503's retry
        Assert.Single(_server.RangeStarts, start => start > 0);
    }

    [Fact]
    public async Task A_twitch_vod_with_muted_parts_is_joined_from_their_muted_copies_and_the_editor_is_told_which_parts_are_silent()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>());
        var media = await SegmentAsync("twitch");
        var folder = Path.GetDirectoryName(media)!;
        var segments = Directory.GetFiles(folder, "*.ts").Length;
        // Twitch's layout: a muted part is served as "N-muted.ts"; an archived playlist may still name it "N-unmuted.ts", which answers 403.
        File.Move(Path.Combine(folder, "seg001.ts"), Path.Combine(folder, "seg001-muted.ts"));
        File.Move(Path.Combine(folder, "seg002.ts"), Path.Combine(folder, "seg002-muted.ts"));
        await File.WriteAllTextAsync(media, (await File.ReadAllTextAsync(media)).Replace("seg001.ts", "seg001-muted.ts").Replace("seg002.ts", "seg002-unmuted.ts?token=t"));
        _server.Serve("twitch/seg002-unmuted.ts", Path.Combine(folder, "seg002-muted.ts")).Fail("twitch/seg002-unmuted.ts", new FileServer.Fault.Status(403));
        var reports = new List<JobProgress>();

        var imported = await ImportAsync(host, "twitch/index.m3u8", reports);

        Assert.Equal(VodStatus.Stored, imported.Vod.Status);
        Assert.InRange(imported.Vod.DurationSeconds!.Value, 19.5, 20.5);
        const string note = "; Twitch muted the sound of 0:08.0 of it (0:04.0–0:12.0): those parts are silent";
        Assert.StartsWith(note, imported.Note);
        Assert.Contains(note, reports.Last().Message);
        Assert.Equal(1 + segments + 1, _server.Requests); // the playlist, each segment, the muted copy after the 403
        // Kept with the video, for refinement and the stream page: silence there is the platform's.
        await using var db = await host.Core.DbAsync();
        var stored = await db.Vods.AsNoTracking().SingleAsync(v => v.Id == imported.Vod.Id);
        Assert.Equal("4-12", stored.MutedStretches);
        Assert.Equal([new ClipBounds(4, 12)], MutedSound.Parse(stored.MutedStretches).Stretches);
    }

    [Theory]
    [InlineData("https://cdn.example/abc/chunked/12-unmuted.ts?token=x", "https://cdn.example/abc/chunked/12-muted.ts?token=x")]
    [InlineData("https://cdn.example/abc/chunked/12-muted.ts", null)]
    [InlineData("https://cdn.example/abc/chunked/12.ts", null)]
    [InlineData("https://cdn.example/abc/1080p60/7-unmuted.mp4", "https://cdn.example/abc/1080p60/7-muted.mp4")]
    [InlineData("https://cdn.example/abc/1080p60/7-muted.mp4", null)]
    public void An_unmuted_segments_muted_copy_is_found_beside_it(string segment, string? expected)
    {
        Assert.Equal(expected is null ? null : new Uri(expected), HlsPlaylist.MutedCopy(new Uri(segment)));
    }

    [Theory]
    [InlineData("https://cdn.example/abc/chunked/12-muted.ts?token=x", true)]
    [InlineData("https://cdn.example/abc/1080p60/7-muted.mp4", true)]
    [InlineData("https://cdn.example/abc/chunked/12-unmuted.ts", false)]
    [InlineData("https://cdn.example/abc/chunked/12.ts", false)]
    [InlineData("https://cdn.example/abc/muted/12.ts", false)]
    public void A_segment_named_muted_is_one_whose_sound_twitch_muted(string segment, bool muted)
    {
        Assert.Equal(muted, HlsPlaylist.IsMuted(new Uri(segment)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Segments_are_fetched_as_many_at_once_as_set_and_stored_in_order(int parallel)
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>(), new Dictionary<string, string?> { ["Import:HlsParallelSegments"] = $"{parallel}" });
        var media = await SegmentAsync("parallel");
        var expected = Directory.GetFiles(Path.GetDirectoryName(media)!, "*.ts").Order().SelectMany(File.ReadAllBytes).ToArray();
        // A distant CDN: each request waits before its answer, so fetching one after another waits once per segment.
        _server.Latency = TimeSpan.FromMilliseconds(150);

        var vod = (await ImportAsync(host, "parallel/index.m3u8")).Vod;

        Assert.Equal(parallel, _server.InFlight.Most);
        Assert.InRange(vod.DurationSeconds!.Value, 19.5, 20.5);
        // Joined in playing order, whatever came back first: the content hash is of the downloaded bytes (before the rewrap).
        using var hasher = new ContentHasher();
        hasher.Append(expected);
        Assert.Equal(ContentHasher.Combine([hasher.CompleteBlocks()]), vod.ContentHash);
    }

    [Fact]
    public async Task A_failing_segment_stops_the_ones_fetched_beside_it()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>());
        await SegmentAsync("stops");
        _server.Latency = TimeSpan.FromMilliseconds(300);
        _server.Fail("stops/seg000.ts", new FileServer.Fault.Status(404));

        var error = await Assert.ThrowsAsync<VideoImportException>(() => ImportAsync(host, "stops/index.m3u8"));

        Assert.StartsWith("Segment 1 of ", error.Message);
        Assert.True(SpinWait.SpinUntil(() => _server.InFlight.Now == 0, TimeSpan.FromSeconds(5)), $"{_server.InFlight.Now} requests still being answered");
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task A_web_page_is_refused_as_one_before_anything_is_stored()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>());
        await File.WriteAllTextAsync(Path.Combine(_published.Path, "videos.html"), "<!doctype html><title>Twitch</title><p>a VOD page</p>");

        var error = await Assert.ThrowsAsync<VideoImportException>(() => ImportAsync(host, "videos.html"));

        Assert.EndsWith("/f/videos.html' is a web page, not a video: give the URL of the video file itself (an MP4, MKV or MPEG-TS file, or an HLS .m3u8 playlist).", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task A_platforms_page_is_refused_naming_how_to_get_its_video_before_anything_is_fetched()
    {
        await using var host = await ImportHost.StartAsync(new Dictionary<string, string?>());

        var error = await Assert.ThrowsAsync<VideoImportException>(() => host.Get<VideoImportService>().ImportUrlAsync(
            Target(host), new Uri("https://www.twitch.tv/videos/955629991?t=1h2m"), Guid.NewGuid().ToString("N"), null, CancellationToken.None));

        Assert.StartsWith("'https://www.twitch.tv/videos/955629991' is a Twitch page, not its video: give the VOD's .m3u8 playlist", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Theory]
    [InlineData("https://twitch.tv/videos/1", "Twitch")]
    [InlineData("https://M.Twitch.TV/videos/1", "Twitch")]
    [InlineData("https://clips.twitch.tv/SomeClip", "Twitch")]
    [InlineData("https://www.youtube.com/watch?v=abc", "YouTube")]
    [InlineData("https://youtu.be/abc", "YouTube")]
    [InlineData("https://kick.com/someone/videos/1", "Kick")]
    [InlineData("https://vod-secure.twitch.tv/abc/chunked/index-dvr.m3u8", null)]
    [InlineData("https://usher.ttvnw.net/vod/1.m3u8?sig=x", null)]
    [InlineData("https://d2nvs31859zcd8.cloudfront.net/abc_someone_1_2/chunked/index-dvr.m3u8", null)]
    [InlineData("https://notyoutube.com/watch", null)]
    public void A_platforms_watch_page_is_told_from_its_video_servers(string url, string? platform)
    {
        var refusal = VideoPages.Refusal(new Uri(url));

        Assert.Equal(platform, refusal is null ? null : refusal.Split(" is a ")[1].Split(' ')[0]);
    }

    [Theory]
    [InlineData("#EXTM3U\r\n#EXT-X-STREAM-INF:BANDWIDTH=5,CODECS=\"a,b\"\r\nlow.m3u8\r\n#EXT-X-STREAM-INF:CODECS=\"c,d\",BANDWIDTH=9\r\nhttps://cdn.example/hi/index.m3u8\r\n", "https://cdn.example/hi/index.m3u8")]
    [InlineData("\uFEFF#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=7\n../up/index.m3u8\n", "https://host.example/up/index.m3u8")]
    public void A_master_playlist_gives_its_highest_bandwidth_variant_resolved_against_the_playlist(string text, string expected)
    {
        var (media, variant, _) = HlsPlaylist.Parse(text, new Uri("https://host.example/vod/master.m3u8"));

        Assert.Null(media);
        Assert.Equal(new Uri(expected), variant!.Url);
    }

    [Fact]
    public void A_variant_whose_sound_is_a_separate_playlist_is_refused()
    {
        const string text = "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"en\",URI=\"audio/en.m3u8\"\n#EXT-X-STREAM-INF:BANDWIDTH=9,AUDIO=\"aud\"\nvideo.m3u8\n";

        var error = Assert.Throws<VideoImportException>(() => HlsPlaylist.Parse(text, new Uri("https://host.example/master.m3u8")));

        Assert.Equal("'https://host.example/master.m3u8' was refused: its best variant plays its sound from a separate audio playlist, which cannot be joined in.", error.Message);
    }

    [Fact]
    public void A_segment_that_is_not_an_http_url_is_refused_naming_it()
    {
        var error = Assert.Throws<VideoImportException>(() =>
            HlsPlaylist.Parse("#EXTM3U\n#EXTINF:4,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n", new Uri("https://host.example/index.m3u8")));

        Assert.Equal("'https://host.example/index.m3u8' was refused: 'file:///etc/passwd' in it is not an http(s) URL of a segment or playlist.", error.Message);
    }

    [Fact]
    public void Text_that_is_not_a_playlist_is_refused()
    {
        var error = Assert.Throws<VideoImportException>(() => HlsPlaylist.Parse("<html>", new Uri("https://host.example/index.m3u8")));

        Assert.Contains("it is not an HLS playlist (it does not begin with #EXTM3U)", error.Message);
    }
}
