using Microsoft.EntityFrameworkCore;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Ingest;

namespace VodManager.Tests.Streams;

/// <summary>`streams list|create|delete` and `import --new-stream`, run as an operator runs them: the built app, as a process.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class StreamsCliTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("streams-cli");
    private int _accountId;

    private string Data => _folder.File("data");

    private string Imports => Directory.CreateDirectory(_folder.File("imports")).FullName;

    public async Task InitializeAsync()
    {
        await using var host = await CoreHostIn();
        _accountId = (await host.AddAccountWithStreamAsync(quotaBytes: 50_000)).Account.Id;
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) => RunInAsync(Data, arguments);

    private Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(string data, params string[] arguments) =>
        WebHostProcess.RunAsync(arguments, new Dictionary<string, string>
        {
            ["VodManager__DataFolder"] = data,
            ["VodManager__SeedDemo"] = "false",
            ["Import__Roots__0"] = Imports,
        }, TimeSpan.FromSeconds(120));

    /// <summary>A transcript: it names neither title nor channel, unlike a chat log.</summary>
    private string Transcript()
    {
        var path = _folder.File("talk.vtt");
        File.WriteAllText(path, "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nhello and welcome\n");
        return path;
    }

    private Task<CoreHost> CoreHostIn() => CoreHost.StartAsync(new Dictionary<string, string?> { ["VodManager:DataFolder"] = Data });

    private async Task<List<string>> ListAsync()
    {
        var (exit, stdout, stderr) = await RunAsync("streams", "list");
        Assert.True(exit == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    [Fact]
    public async Task Create_prints_only_the_id_list_shows_it_and_delete_removes_it()
    {
        var (exit, stdout, stderr) = await RunAsync("streams", "create", "--title", "Friday night", "--channel", "me", "--started-at", "2026-11-30T18:00:00+01:00");

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"^\d+\n$", stdout.Replace("\r", ""));
        var id = stdout.Trim();
        var row = Assert.Single(await ListAsync(), l => l.StartsWith(id + "\t", StringComparison.Ordinal));
        Assert.Equal([id, "2026-11-30T17:00:00Z", "", "new", "me", "Friday night"], row.Split('\t'));

        var (deleteExit, deleteOut, deleteErr) = await RunAsync("streams", "delete", "--stream", id);

        Assert.True(deleteExit == 0, deleteErr);
        Assert.StartsWith($"deleted stream {id} 'Friday night'", deleteOut);
        Assert.DoesNotContain(await ListAsync(), l => l.StartsWith(id + "\t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stream_made_without_a_start_takes_the_one_its_chat_gives_and_then_refuses_another_broadcasts_chat()
    {
        var small = RealChat.Of(RealChat.Small);
        var (exit, stdout, stderr) = await RunAsync("streams", "create", "--title", "Tuesday", "--channel", "LiiHS");
        Assert.True(exit == 0, stderr);
        var id = stdout.Trim();

        (exit, _, stderr) = await RunAsync("import", "--stream", id, "--chat", RealChat.Small);

        Assert.True(exit == 0, stderr);
        Assert.Contains($"the stream now starts {small.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, when the chat says the broadcast began", stderr);
        var row = Assert.Single(await ListAsync(), l => l.StartsWith(id + "\t", StringComparison.Ordinal)).Split('\t');
        Assert.Equal($"{small.StartedAt:yyyy-MM-ddTHH:mm:ss}Z", row[1]);

        // Its chat ran 30 s ahead of the video from 10:00 on (a reconnect): moved back, what fell in the outage left out.
        var offsets = RealChat.Lines(RealChat.Small).Select(l => l.Offset).ToList();
        (exit, stdout, stderr) = await RunAsync("streams", "shift-chat", "--stream", id, "--by", "-30", "--from", "600");

        Assert.True(exit == 0, stderr);
        var during = offsets.Count(o => o >= 600 && o < 630);
        Assert.True(during > 1, "the real chat has lines in those 30 s");
        Assert.StartsWith($"Chat and events from 10:00.0 on moved 30.0 s earlier: {offsets.Count(o => o >= 630):N0} lines", stdout);
        Assert.Contains($"; {during} lines would fall before 10:00.0 and were left out.", stdout);
        Assert.EndsWith("Detection runs again; trims, clips and dismissals stay.\n", stdout.Replace("\r", ""));

        (exit, stdout, stderr) = await RunAsync("import", "--stream", id, "--chat", Parsers.RealChat(Parsers.BigRealLog));

        Assert.Equal((1, ""), (exit, stdout));
        Assert.Contains("'liihs_vod955629991_v5.json': it is the chat of a broadcast that began 2021-03-19 21:55 UTC, 6 days 2 hours before this stream's start", stderr);
    }

    [Fact]
    public async Task Bad_input_is_refused_by_name_with_nothing_on_stdout()
    {
        var cases = new[]
        {
            (new[] { "streams", "delete", "--stream", "9999" }, "Stream 9999 was not found."),
            (new[] { "streams", "shift-chat", "--stream", "9999", "--by", "5" }, "Stream 9999 was not found."),
            (new[] { "streams", "create", "--title", "t", "--channel", "c", "--started-at", "yesterday" }, "--started-at 'yesterday'"),
            (new[] { "streams", "create", "--title", " ", "--channel", "c" }, "A stream needs a title."),
            (new[] { "import", "--new-stream", "--chat", _folder.File("missing.json") }, "'missing.json': no such file"),
            (new[] { "import", "--new-stream" }, "Nothing to make a stream from"),
            (new[] { "import", "--new-stream", "--title", "From a transcript", "--transcript", Transcript() }, "give it with --channel NAME"),
            (new[] { "import", "--stream", "1", "--new-stream", "--chat", RealChat.Small }, "either --stream ID"),
            (new[] { "streams", "list", "--account", "nobody" }, $"No account has the name or id 'nobody'; the accounts are 'Test account' (id {_accountId})."),
        };
        var before = await ListAsync();

        foreach (var (arguments, message) in cases)
        {
            var (exit, stdout, stderr) = await RunAsync(arguments);
            Assert.True(exit != 0, string.Join(' ', arguments));
            Assert.Equal("", stdout);
            Assert.Contains(message, stderr);
        }

        Assert.Equal(before, await ListAsync());
    }

    [Fact]
    public async Task Without_an_account_a_verb_says_how_to_make_one_and_with_two_it_names_them()
    {
        using var fresh = new TempFolder("streams-cli-fresh");

        var (exit, stdout, stderr) = await RunInAsync(fresh.File("data"), "import", "--new-stream", "--chat", RealChat.Small);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("There is no account yet: sign up in the editor (/account/signup) or run seed-demo", stderr);

        await using (var host = await CoreHostIn())
        {
            await host.AddAccountWithStreamAsync(name: "Second");
        }

        (exit, stdout, stderr) = await RunAsync("streams", "list");

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Matches($@"There are 2 accounts \('Test account' \(id {_accountId}\), 'Second' \(id \d+\)\); name one with --account\.", stderr);
    }

    [Fact]
    public async Task Import_new_stream_from_the_real_chat_and_a_video_prints_the_id_of_a_stream_named_by_the_chat()
    {
        await using (var host = await CoreHostIn())
        await using (var db = await host.DbAsync())
        {
            await db.Accounts.Where(a => a.Id == _accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.QuotaBytes, (long?)null));
        }

        var video = Path.Combine(Imports, "broadcast.mp4");
        File.Copy(await TestMedia.GetAsync(), video);
        var facts = RealChat.Of(RealChat.Small);

        var (exit, stdout, stderr) = await RunAsync("import", "--new-stream", "--chat", RealChat.Small, "--video", video);

        Assert.True(exit == 0, stderr);
        var id = stdout.Trim();
        Assert.Matches(@"^\d+$", id);
        Assert.Contains("[detect]", stderr);
        var fields = Assert.Single(await ListAsync(), l => l.StartsWith(id + "\t", StringComparison.Ordinal)).Split('\t');
        Assert.Equal((facts.StartedAt.ToString("yyyy-MM-ddTHH:mm:ssZ"), "20", facts.Broadcaster, $"VOD {facts.VodId}"), (fields[1], fields[2], fields[4], fields[5]));
        Assert.Equal("detected", fields[3]);
    }

    [Fact]
    public async Task A_failed_first_import_leaves_no_stream()
    {
        // The video is a real one, so it passes every check, but it cannot fit the account's 50 kB quota.
        var video = Path.Combine(Imports, "too big.mp4");
        File.Copy(await TestMedia.GetAsync(), video);
        var before = await ListAsync();

        var (exit, stdout, stderr) = await RunAsync("import", "--new-stream", "--title", "Too big", "--channel", "me", "--chat", RealChat.Small, "--video", video);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("quota", stderr);
        Assert.Equal(before, await ListAsync());
        await using var host = await CoreHostIn();
        await Leftovers.AssertNoneAsync(host.Services, _accountId);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.ChatMessages.CountAsync());
    }
}
