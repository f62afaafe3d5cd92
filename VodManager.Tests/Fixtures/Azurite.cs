using System.Globalization;

namespace VodManager.Tests.Fixtures;

/// <summary>A real Azurite blob service, in memory. Tests isolate themselves with their own container names.</summary>
public sealed class Azurite : LoopbackServer<Azurite>
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string BlobEndpoint => $"http://127.0.0.1:{Port}/devstoreaccount1";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    protected override string Name => "Azurite";

    /// <summary>A container name no other test uses.</summary>
    public static string NewContainerName() => "t" + Guid.NewGuid().ToString("N")[..20];

    protected override Task LaunchAsync()
    {
        var binary = Path.Combine(RepoPaths.Root, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"Azurite is not installed at {binary}; run scripts/setup.sh.");
        }

        StartProcess(binary,
        [
            "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(CultureInfo.InvariantCulture),
            "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
        ]);
        return Task.CompletedTask;
    }
}
