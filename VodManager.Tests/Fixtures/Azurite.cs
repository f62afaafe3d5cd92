using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// One real Azurite blob service for the whole test run, on a free port, started on first use and stopped when the
/// test process exits. Tests isolate themselves with their own container names.
/// </summary>
public sealed class Azurite
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Azurite? _instance;
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private Azurite(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.Stop(process);
    }

    public int Port { get; }

    public string BlobEndpoint => $"http://127.0.0.1:{Port}/devstoreaccount1";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<Azurite> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _instance ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A container name no other test uses.</summary>
    public static string NewContainerName() => "t" + Guid.NewGuid().ToString("N")[..20];

    private static async Task<Azurite> StartAsync()
    {
        var binary = Path.Combine(RepoPaths.Root, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"Azurite is not installed at {binary}; run scripts/setup.sh.");
        }

        var port = FreePort.Next();
        var process = ChildProcess.Start(binary,
        [
            "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
        ]);
        var azurite = new Azurite(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(120); // a loaded 2-core machine can take this long to start node
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("Azurite exited on start: " + azurite.Log);
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return azurite;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        ChildProcess.Stop(process);
        throw new TimeoutException("Azurite did not listen within 120 s: " + azurite.Log);
    }
}
