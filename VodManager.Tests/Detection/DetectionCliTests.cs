using System.Text.Json;
using VodManager.Core.Detection;
using VodManager.Core.Media;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Ingest;

namespace VodManager.Tests.Detection;

/// <summary>The `analyze`, `import` and `detect` verbs run as an operator runs them: the built app, as a process.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class DetectionCliTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("cli");
    private SyntheticStream _stream = null!;

    public async Task InitializeAsync() =>
        _stream = await SyntheticStreamGenerator.WriteAsync(new SyntheticStreamSpec(3600, 5), _folder.Path, CancellationToken.None);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) =>
        WebHostProcess.RunAsync(arguments, new Dictionary<string, string> { ["VodManager__DataFolder"] = _folder.File("data"), ["VodManager__SeedDemo"] = "false" }, TimeSpan.FromSeconds(120));

    [Fact]
    public async Task Analyze_json_is_one_document_of_ranked_highlights_with_every_signal()
    {
        var (exit, stdout, stderr) = await RunAsync("analyze", "--chat", _stream.Chat, "--events", _stream.Events, "--transcript", _stream.Transcript, "--top", "10", "--json");

        Assert.True(exit == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        var highlights = document.RootElement.GetProperty("highlights").EnumerateArray().ToList();
        Assert.Single(document.RootElement.EnumerateObject());
        Assert.InRange(highlights.Count, 6, 10);
        Assert.Equal(Enumerable.Range(1, highlights.Count), highlights.Select(h => h.GetProperty("rank").GetInt32()));
        Assert.Equal(highlights.Select(h => h.GetProperty("score").GetDouble()).OrderDescending(), highlights.Select(h => h.GetProperty("score").GetDouble()));
        Assert.All(highlights, h =>
        {
            Assert.True(h.GetProperty("end").GetDouble() > h.GetProperty("start").GetDouble());
            Assert.Equal(["audio", "chat", "events", "transcript"], h.GetProperty("signals").EnumerateObject().Select(p => p.Name).Order());
        });
        var found = _stream.Moments.Where(m => m.Kind != PlantedKind.AudioOnly)
            .Count(m => highlights.Any(h => h.GetProperty("start").GetDouble() - 5 <= m.AtSeconds && m.AtSeconds <= h.GetProperty("end").GetDouble() + 5));
        Assert.Equal(6, found);
        Assert.Contains("reading chat", stderr);

        // Progress goes to stderr in the order the work reports it, all of it before the verb exits.
        var percents = stderr.Split('\n').Where(l => l.StartsWith("[analyze] ", StringComparison.Ordinal))
            .Select(l => double.Parse(l["[analyze] ".Length..l.IndexOf('%', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(percents.Count >= 2, stderr);
        Assert.Equal(percents.Order(), percents);
    }

    [Fact]
    public async Task Analyze_json_says_how_sure_each_highlight_is_and_why_and_marks_the_weak_ones()
    {
        // A hundred asked of 7.6 sparse hours of real chat: more than the chat is sure of, so weak ones fill the list.
        var (exit, stdout, stderr) = await RunAsync("analyze", "--chat", Parsers.RealChat(Parsers.BigRealLog), "--top", "100", "--json");

        Assert.True(exit == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        var highlights = document.RootElement.GetProperty("highlights").EnumerateArray()
            .Select(h => (Confidence: h.GetProperty("confidence").GetDouble(), Weak: h.GetProperty("weak").GetBoolean(), Reason: h.GetProperty("reason").GetString()!))
            .ToList();
        Assert.Equal(100, highlights.Count);
        var weak = highlights.Where(h => h.Weak).ToList();
        var confident = highlights.Where(h => !h.Weak).ToList();
        Assert.NotEmpty(weak);
        Assert.NotEmpty(confident);
        Assert.Equal(confident.Count, highlights.TakeWhile(h => !h.Weak).Count());
        Assert.All(highlights, h => Assert.InRange(h.Confidence, 0, 1));
        Assert.All(weak, h => Assert.StartsWith("weak: ", h.Reason));
        Assert.All(confident, h => Assert.False(string.IsNullOrWhiteSpace(h.Reason) || h.Reason.StartsWith("weak", StringComparison.Ordinal), h.Reason));
        Assert.True(confident.Min(h => h.Confidence) >= weak.Max(h => h.Confidence), "a confident highlight is less sure than a weak one");
        Assert.Contains("× the stream's chatters", stdout);
    }

    [LightorFact]
    public async Task Analyze_reads_real_vod_chat_holding_a_line_sent_before_the_recording_began()
    {
        // A real labelled Dota 2 stream whose chat starts with one line 588.7 s before the video: it refused the whole file.
        var (exit, stdout, stderr) = await RunAsync("analyze", "--chat", Lightor.Chat("dota2-test", "340900471"), "--top", "10", "--json");

        Assert.True(exit == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        var highlights = document.RootElement.GetProperty("highlights").EnumerateArray().ToList();
        Assert.Equal(10, highlights.Count);
        Assert.All(highlights, h => Assert.True(h.GetProperty("start").GetDouble() >= 0));
    }

    [Fact]
    public async Task Analyze_measures_the_audio_of_a_media_file()
    {
        var video = await TestMedia.GetAsync(new TestPatternSpec(60, LoudMoments: [new LoudMoment(40, 3)]));

        var (exit, stdout, stderr) = await RunAsync("analyze", "--media", video, "--top", "3", "--json");

        Assert.True(exit == 0, stderr);
        var highlight = Assert.Single(JsonDocument.Parse(stdout).RootElement.GetProperty("highlights").EnumerateArray());
        Assert.InRange(highlight.GetProperty("start").GetDouble(), 34, 40);
        Assert.True(highlight.GetProperty("signals").GetProperty("audio").GetDouble() > 0.9);
    }

    [Fact]
    public async Task Analyze_of_a_bad_file_prints_the_error_and_nothing_on_stdout()
    {
        var bad = _folder.File("broken.json");
        await File.WriteAllTextAsync(bad, "{\"comments\":[{\"content_offset_seconds\":1},");

        var (exit, stdout, stderr) = await RunAsync("analyze", "--chat", bad, "--json");

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("error: 'broken.json':", stderr);
    }

    [Fact]
    public async Task Import_of_chat_events_and_transcript_detects_and_detect_prints_the_highlights()
    {
        int streamId;
        await using (var host = await CoreHostIn(_folder.File("data")))
        {
            streamId = (await host.AddAccountWithStreamAsync()).Stream.Id;
        }

        var (importExit, _, importErr) = await RunAsync("import", "--stream", $"{streamId}", "--chat", _stream.Chat, "--events", _stream.Events, "--transcript", _stream.Transcript);
        Assert.True(importExit == 0, importErr);
        Assert.Contains("[detect]", importErr);

        var (detectExit, stdout, detectErr) = await RunAsync("detect", "--stream", $"{streamId}");
        Assert.True(detectExit == 0, detectErr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 6, 10);
        Assert.StartsWith("#1 ", lines[0]);
        Assert.Contains(lines, l => l.Contains("raid from friendly_streamer"));
    }

    /// <summary>Core over the same data folder the CLI process uses, to set up an account and a stream.</summary>
    private static Task<CoreHost> CoreHostIn(string dataFolder) =>
        CoreHost.StartAsync(new Dictionary<string, string?> { ["VodManager:DataFolder"] = dataFolder });
}
