using VodManager.Core;
using VodManager.Core.Data.Entities;
using VodManager.Core.Media;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// Core over real SQLite with one storage provider, an import root folder, job handlers run inline (so the index
/// job really runs), and an account with a stream. Disposing removes everything.
/// </summary>
public sealed class ImportHost : IAsyncDisposable
{
    /// <summary>About 5 MiB: five download checkpoints of the 1 MiB every test host stores at a time.</summary>
    public static readonly TestPatternSpec FiveCheckpoints = new(20, VideoBitrateKbps: 2000);

    private ImportHost(CoreHost core, TempFolder imports, Account account, LiveStream stream)
    {
        Core = core;
        Imports = imports;
        Account = account;
        Stream = stream;
    }

    public CoreHost Core { get; }

    /// <summary>The one folder in Import:Roots.</summary>
    public TempFolder Imports { get; }

    public Account Account { get; }

    public LiveStream Stream { get; }

    public T Get<T>() where T : notnull => Core.Get<T>();

    /// <param name="storage">Storage settings (empty for local disk).</param>
    /// <param name="settings">Further overrides ("Import:UrlMaxBytes" → "1000").</param>
    /// <param name="maxVods">A free-tier account with this VOD count (a paid one when null).</param>
    public static async Task<ImportHost> StartAsync(IDictionary<string, string?> storage, IDictionary<string, string?>? settings = null, long? quotaBytes = null, int? maxVods = null)
    {
        var imports = new TempFolder("imports");
        var values = new Dictionary<string, string?>(storage)
        {
            ["Import:Roots:0"] = imports.Path,
            // The test file server listens on loopback; the SSRF tests turn this off again.
            ["Import:AllowPrivateAddresses"] = "true",
            ["Import:UploadChunkBytes"] = (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Downloads of the few MiB test videos are stored in several checkpoints, as a VOD's are.
            ["Import:UrlCheckpointBytes"] = (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        values.Merge(settings);

        var core = await CoreHost.StartAsync(values, services => services.AddJobHandlers());
        await core.Get<VodManager.Core.Storage.IVodStorage>().CheckHealthAsync(CancellationToken.None);
        var (account, stream) = await core.AddAccountWithStreamAsync(quotaBytes: quotaBytes, maxVods: maxVods);
        return new ImportHost(core, imports, account, stream);
    }

    /// <summary>On local disk storage on <paramref name="mount"/>, keeping nothing free: a full disk is the mount's.</summary>
    public static Task<ImportHost> StartOnAsync(SmallFilesystem mount) =>
        StartAsync(new Dictionary<string, string?> { ["Storage:LocalDisk:Root"] = mount.Path, ["Cutting:MinFreeDiskBytes"] = "0" });

    public static async Task<IDictionary<string, string?>> BlobStorageAsync()
    {
        var azurite = await Azurite.GetAsync();
        return new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = azurite.ConnectionString,
            ["Storage:AzureBlob:Container"] = Azurite.NewContainerName(),
        };
    }

    /// <summary>A copy of a generated video inside the import root.</summary>
    public string CopyIntoRoot(string source, string name)
    {
        var path = Imports.File(name);
        File.Copy(source, path, overwrite: true);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Core.DisposeAsync();
        Imports.Dispose();
    }
}
