using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Accounts;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// The real app (Program) on Kestrel at a free loopback port, with its own temp data folder, so a real browser
/// can talk to it. Settings override appsettings.json the way environment variables would.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly TempFolder? _ownedFolder;

    private RunningApp(WebApplicationFactory<Program> factory, string dataFolder, TempFolder? ownedFolder)
    {
        _factory = factory;
        DataFolder = dataFolder;
        _ownedFolder = ownedFolder;
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.First().Replace("://[::]", "://localhost").Replace("://127.0.0.1", "://localhost"));
    }

    public Uri BaseUrl { get; }

    public string DataFolder { get; }

    public IServiceProvider Services => _factory.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public HttpClient CreateClient() => new() { BaseAddress = BaseUrl };

    /// <summary>A client signed in as the user (the demo owner when none is named).</summary>
    public Task<HttpClient> SignedInClientAsync(TestUser? user = null) => HttpSignIn.SignedInClientAsync(BaseUrl, user ?? TestUser.Demo);

    /// <summary>A new user with the role in the account.</summary>
    public Task<TestUser> AddUserAsync(int accountId, AccountRole role, string? email = null) => TestUser.AddAsync(Services, accountId, role, email);

    /// <param name="settings">Configuration overrides ("Section:Key" → value).</param>
    /// <param name="dataFolder">Reuse a data folder (to restart the app on the same data); a temp one otherwise.</param>
    public static async Task<RunningApp> StartAsync(IDictionary<string, string?>? settings = null, string? dataFolder = null, bool seedDemo = false)
    {
        var owned = dataFolder is null ? new TempFolder("app") : null;
        var folder = dataFolder ?? owned!.Path;
        if (seedDemo)
        {
            await DemoVideo.PlaceAsync(folder);
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development"); // static web assets are served from the build output only in Development
            builder.UseSetting("urls", ""); // the listener below replaces appsettings.json's Urls without a warning
            builder.UseSetting("VodManager:DataFolder", folder);
            builder.UseSetting("VodManager:SeedDemo", seedDemo ? "true" : "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
        });
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        try
        {
            factory.StartServer();
        }
        catch
        {
            // xunit disposes no fixture whose start failed: what this one made goes now, or it outlives the run.
            await factory.DisposeAsync();
            owned?.Dispose();
            throw;
        }

        return new RunningApp(factory, folder, owned);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _ownedFolder?.Dispose();
    }
}
