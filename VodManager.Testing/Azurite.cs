using System.Globalization;

namespace VodManager.Testing;

/// <summary>A real Azurite blob service, in memory. Tests isolate themselves with their own container names; a benchmark starts its own (<c>StartNewAsync</c>).</summary>
public sealed class Azurite : LoopbackServer<Azurite>
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string BlobEndpoint => Endpoint(Port);

    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>A connection string for the blob service reached at <paramref name="port"/> (Azurite itself or a relay in front of it).</summary>
    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint={Endpoint(port)};";

    protected override string Name => "Azurite";

    private static string Endpoint(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/devstoreaccount1");

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
