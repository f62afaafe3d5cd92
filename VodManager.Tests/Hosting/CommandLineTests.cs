using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Jobs;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Hosting;

/// <summary>The operator's command line as the README shows it: run from wherever the operator stands, as a process.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder _folder = new("cli-form");

    public void Dispose() => _folder.Dispose();

    private Dictionary<string, string> Environment() => new() { ["VodManager__DataFolder"] = _folder.File("data"), ["VodManager__SeedDemo"] = "false" };

    [Fact]
    public async Task The_script_run_from_another_folder_reads_a_relative_path_there_and_prints_one_json_document()
    {
        var stream = await SyntheticStreamGenerator.WriteAsync(new SyntheticStreamSpec(1200, 3), _folder.Path, CancellationToken.None);
        Assert.Equal(_folder.File("chat.json"), stream.Chat);

        var (exit, stdout, stderr) = await WebHostProcess.RunAsync(Path.Combine(RepoPaths.Root, "vodmanager"), ["analyze", "--chat", "chat.json", "--json"], _folder.Path, Environment(), TimeSpan.FromMinutes(5));

        Assert.True(exit == 0, stderr);
        AssertOneDocumentWithHighlights(stdout);
    }

    [Fact]
    public async Task Dotnet_run_from_another_folder_reads_a_relative_path_there_and_prints_one_json_document()
    {
        await SyntheticStreamGenerator.WriteAsync(new SyntheticStreamSpec(1200, 4), _folder.Path, CancellationToken.None);

        // As the README writes it, except that the tests' build is used rather than building again.
        var (exit, stdout, stderr) = await WebHostProcess.RunAsync(
            "dotnet", ["run", "--no-build", "-c", WebHostProcess.Configuration, "--project", Path.Combine(RepoPaths.Root, "VodManager.Web"), "--", "analyze", "--chat", "chat.json", "--json"],
            _folder.Path, Environment(), TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, stderr);
        AssertOneDocumentWithHighlights(stdout);
    }

    [Fact]
    public async Task The_script_without_a_verb_lists_the_verbs_and_starts_no_server()
    {
        var (_, stdout, stderr) = await WebHostProcess.RunAsync(Path.Combine(RepoPaths.Root, "vodmanager"), [], _folder.Path, Environment(), TimeSpan.FromMinutes(3));
        var (helpExit, help, _) = await WebHostProcess.RunAsync(Path.Combine(RepoPaths.Root, "vodmanager"), ["--help"], _folder.Path, Environment(), TimeSpan.FromMinutes(3));

        Assert.All(new[] { "seed-demo", "import", "streams", "detect", "analyze", "cut", "cut-all", "refine", "export" }, verb => Assert.Contains($"  {verb} ", stdout + stderr));
        Assert.DoesNotContain("VodManager is running", stdout + stderr);
        Assert.Equal(0, helpExit);
        Assert.Contains("  analyze ", help);
        Assert.Contains("  vodmanager [command] [options]", help); // what the operator types, not the assembly's name
        Assert.DoesNotContain("VodManager.Web", help);
    }

    [Fact]
    public async Task Sigterm_cancels_a_running_import_and_exits_143_with_a_message_leaving_nothing_behind()
    {
        await using var server = await FileServer.StartAsync();
        int accountId;
        int streamId;
        await using (var host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["VodManager:DataFolder"] = _folder.File("data") }))
        {
            var (account, stream) = await host.AddAccountWithStreamAsync();
            (accountId, streamId) = (account.Id, stream.Id);
        }

        var environment = Environment();
        environment["Import__AllowPrivateAddresses"] = "true";
        var stalled = server.Stalling(length: 64 << 20, sent: 1 << 20);
        using var process = WebHostProcess.Start("dotnet", [WebHostProcess.Dll, "import", "--stream", $"{streamId}", "--video", stalled.ToString()], _folder.Path, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // The download is under way once the server has sent its first megabyte; the job then waits for the rest forever.
            var waited = Stopwatch.StartNew();
            while (server.BytesSent == 0 && !process.HasExited && waited.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(100);
            }

            Assert.True(server.BytesSent > 0 && !process.HasExited, "the import never started downloading");
            await Task.Delay(500);
            using (var kill = Process.Start("kill", ["-TERM", $"{process.Id}"]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        }
        finally
        {
            ChildProcess.Stop(process);
        }

        var errors = await stderr;
        Assert.True(process.ExitCode == 143, $"exit {process.ExitCode}: {errors}");
        Assert.Contains("interrupted by SIGTERM: the job was cancelled", errors);
        Assert.DoesNotContain("Unhandled exception", errors);
        Assert.Equal("", await stdout);

        await using var after = await CoreHost.StartAsync(new Dictionary<string, string?> { ["VodManager:DataFolder"] = _folder.File("data") });
        await using (var db = await after.DbAsync())
        {
            Assert.Equal([JobStatus.Cancelled], await db.Jobs.Where(j => j.StreamId == streamId).Select(j => j.Status).ToListAsync());
        }

        await Leftovers.AssertNoneAsync(after.Services, accountId);
    }

    private static void AssertOneDocumentWithHighlights(string stdout)
    {
        // Parse refuses anything before or after the document ("Using launch settings…", "Building…", log lines).
        using var document = JsonDocument.Parse(stdout);
        Assert.NotEmpty(document.RootElement.GetProperty("highlights").EnumerateArray());
    }

    [Fact]
    public async Task On_blob_storage_a_verb_creates_a_new_accounts_container_and_an_unreachable_one_is_one_line_naming_the_setting()
    {
        var data = _folder.File("data");
        int streamId;
        await using (var host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["VodManager:DataFolder"] = data }))
        {
            streamId = (await host.AddAccountWithStreamAsync()).Stream.Id;
        }

        var imports = Directory.CreateDirectory(_folder.File("imports")).FullName;
        var video = Path.Combine(imports, "stream.mp4");
        File.Copy(await TestMedia.GetAsync(), video);
        var azurite = await Azurite.GetAsync();
        var container = Azurite.NewContainerName(); // never created: a Blob account the product has not used yet
        Dictionary<string, string> OnBlob(string connectionString) => new(Environment())
        {
            ["Import__Roots__0"] = imports,
            ["Storage__Provider"] = "AzureBlob",
            ["Storage__AzureBlob__ConnectionString"] = connectionString,
            ["Storage__AzureBlob__Container"] = container,
        };

        var import = await WebHostProcess.RunAsync(["import", "--stream", $"{streamId}", "--video", video], OnBlob(azurite.ConnectionString), TimeSpan.FromMinutes(2));

        Assert.True(import.ExitCode == 0, import.Stderr);
        var blobs = new Azure.Storage.Blobs.BlobContainerClient(azurite.ConnectionString, container).GetBlobsAsync();
        Assert.NotEmpty(await blobs.ToListAsync());

        var closed = Azurite.ConnectionStringFor(FreePort.Next());
        var refused = await WebHostProcess.RunAsync(["import", "--stream", $"{streamId}", "--video", video], OnBlob(closed), TimeSpan.FromMinutes(2));
        Assert.Equal(1, refused.ExitCode);
        var line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("Storage:AzureBlob:ConnectionString", line);
        Assert.DoesNotContain("   at ", refused.Stderr);
    }
}
