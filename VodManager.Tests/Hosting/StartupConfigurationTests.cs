using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Hosting;

/// <summary>Bad configuration stops start-up at once with one line naming the setting; nothing half-started.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class StartupConfigurationTests
{
    /// <returns>The exit code and all the terminal shows: logs go to stdout, the refusal to stderr.</returns>
    private static async Task<(int ExitCode, string Output)> StartWithAsync(Dictionary<string, string> environment)
    {
        using var data = new TempFolder("startup");
        environment.TryAdd("VodManager__DataFolder", data.Path);
        environment.TryAdd("VodManager__SeedDemo", "false");
        var (exit, stdout, output) = await WebHostProcess.RunAsync([], environment, TimeSpan.FromSeconds(90));
        return (exit, stdout + output);
    }

    [Fact]
    public async Task An_unknown_database_provider_names_the_setting()
    {
        var (exit, output) = await StartWithAsync(new() { ["Database__Provider"] = "Oracle" });

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", output); // the one line, not a stack trace before it
        Assert.Contains("VodManager cannot start", output);
        Assert.Contains("Database:Provider", output);
        Assert.Contains("Oracle", output);
    }

    [Fact]
    public async Task A_node_lease_shorter_than_three_heartbeats_names_both_settings()
    {
        var (exit, output) = await StartWithAsync(new() { ["Nodes__HeartbeatInterval"] = "00:00:10", ["Nodes__LeaseDuration"] = "00:00:20" });

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", output); // the one line, not a stack trace before it
        Assert.Contains("VodManager cannot start", output);
        Assert.Contains("Nodes:LeaseDuration", output);
        Assert.Contains("Nodes:HeartbeatInterval", output);
    }

    [Fact]
    public async Task An_address_already_taken_is_named_with_the_settings_that_change_it_and_no_stack_trace()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";

        var (exit, output) = await StartWithAsync(new() { ["ASPNETCORE_URLS"] = address });

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", output); // the one line, not a stack trace before it
        Assert.Contains($"VodManager cannot start: Failed to bind to address {address}", output);
        Assert.Contains("--urls", output);
        Assert.DoesNotContain("Unhandled exception", output);
    }

    [Fact]
    public async Task A_second_editor_on_a_running_editors_sqlite_data_folder_is_refused_and_the_first_keeps_serving()
    {
        await using var first = await AppNode.StartAsync("first", new Dictionary<string, string?>());

        var (exit, output) = await StartWithAsync(new() { ["VodManager__DataFolder"] = first.DataFolder });

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", output); // the one line, not a stack trace before it
        Assert.Contains("VodManager cannot start", output);
        Assert.Contains("VodManager:DataFolder", output);
        Assert.Contains("another VodManager editor is running", output);
        using var http = first.CreateClient();
        Assert.True((await http.GetAsync("/healthz")).IsSuccessStatusCode, "the first editor stopped serving");
    }

    [Fact]
    public async Task An_unreachable_blob_endpoint_names_the_setting()
    {
        var closedPort = FreePort.Next();
        var (exit, output) = await StartWithAsync(new()
        {
            ["Storage__Provider"] = "AzureBlob",
            ["Storage__AzureBlob__ConnectionString"] =
                $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;",
        });

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", output); // the one line, not a stack trace before it
        Assert.Contains("Storage:AzureBlob:ConnectionString", output);
    }

    [Fact]
    public async Task A_malformed_blob_connection_string_names_the_setting()
    {
        // An account key mistyped: the storage client refuses it while the host builds its services.
        var (exit, output) = await StartWithAsync(new()
        {
            ["Storage__Provider"] = "AzureBlob",
            ["Storage__AzureBlob__ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTBMmsSl1ntXBR0J3Og==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;",
        });

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", output); // the one line, not a stack trace before it
        Assert.Contains("VodManager cannot start: Configuration error in 'Storage:AzureBlob:ConnectionString'", output);
    }

    [Fact]
    public async Task An_unwritable_data_folder_names_the_setting()
    {
        using var temp = new TempFolder();
        var blocker = temp.File("a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");

        var (exit, output) = await StartWithAsync(new() { ["VodManager__DataFolder"] = Path.Combine(blocker, "data") });

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", output); // the one line, not a stack trace before it
        Assert.Contains("VodManager:DataFolder", output);
    }

    [Fact]
    public async Task Sql_server_without_a_connection_string_names_the_setting()
    {
        var (exit, output) = await StartWithAsync(new() { ["Database__Provider"] = "SqlServer" });

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", output); // the one line, not a stack trace before it
        Assert.Contains("Database:ConnectionString", output);
    }
}
