using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;
using Microsoft.Extensions.Options;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Jobs;
using VodManager.Core.Storage;
using VodManager.Demo;
using VodManager.Web.Accounts;
using VodManager.Web.Components;
using VodManager.Web.Endpoints;

namespace VodManager.Web.Hosting;

public static class WebHostingExtensions
{
    /// <summary>The whole web host: configuration, Core, jobs, Blazor + MudBlazor, health checks.</summary>
    public static WebApplicationBuilder AddVodManagerWeb(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddRootAppSettings();
        if (!builder.Environment.IsDevelopment())
        {
            // Run from a build (dotnet run, ./vodmanager) rather than a publish folder, MudBlazor's and Blazor's assets
            // exist only through the build's static web assets manifest, which the host reads by itself in Development
            // only. A publish folder has no manifest and serves wwwroot as is; there this does nothing.
            builder.WebHost.UseStaticWebAssets();
        }

        var services = builder.Services;
        services.AddHostedService<StartupTasks>(); // first: before Quartz and Kestrel start
        services.AddHostedService<JobRecoveryStartupTask>(); // after migration, before Quartz recovers jobs
        services.AddHostedService<ExportRecoveryStartupTask>();
        services.AddHostedService<IngestRecoveryStartupTask>();
        services.AddVodManagerCore(builder.Configuration);
        if (!builder.Configuration.Read<ProgressOptions>(ProgressOptions.Section).UsesRedis)
        {
            // The command line's jobs reach the editors through Redis when it is set; without it, from the job table.
            services.AddHostedService<JobTableFollower>();
        }

        services.AddVodManagerDemo();
        services.AddVodManagerJobs(builder.Configuration);
        services.AddVodManagerTelemetry(builder.Configuration);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;

            // They sit over the highlights table's row actions: a burst of feedback (trim saved, cutting, failed) shows
            // three at a time, the rest after them, rather than a column of five hiding the buttons.
            o.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
        });
        services.AddVodManagerAccounts(builder.Configuration);
        services.AddScoped<Components.EditorTimeZone>();
        services.AddHostedService<UploadSweeper>();

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<StorageHealthCheck>("storage", HealthStatus.Unhealthy)
            .AddCheck<ClockHealthCheck>("clock");
        return builder;
    }

    public static WebApplication UseVodManagerWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseVodManagerAccounts();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapVodManagerTelemetry();
        app.MapAccountEndpoints();
        app.MapMediaEndpoints();
        app.MapUploadEndpoints();
        app.MapClipEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        var server = app.Services.GetRequiredService<IServer>();
        app.Services.GetRequiredService<ServerAddress>().Resolve = () => BoundAddress(server);
        app.Lifetime.ApplicationStarted.Register(() => OnStarted(app));
        return app;
    }

    /// <summary>Builds and runs the web host; a bad setting ends start-up with one line naming it and exit code 1.</summary>
    public static async Task<int> RunVodManagerWebAsync(string[] args)
    {
        try
        {
            var builder = WebApplication.CreateBuilder(args);
            builder.AddVodManagerWeb();

            // Until the host has started, an exception that stops it ends up below: one line for a known cause, the
            // runtime's report with its stack for any other. The host's own error log of it would come first, stack
            // and all, burying that line. Once started, its errors (a background service failing) are logged as ever.
            var started = new StrongBox<bool>();
            builder.Logging.AddFilter(HostLogCategory, level => level >= LogLevel.Warning && (level != LogLevel.Error || Volatile.Read(ref started.Value)));
            var app = builder.Build();
            app.Lifetime.ApplicationStarted.Register(() => Volatile.Write(ref started.Value, true));
            app.UseVodManagerWeb();
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (StartupFailure(e) is { } message)
        {
            await Console.Error.WriteLineAsync($"VodManager cannot start: {message}");
            return 1;
        }
    }

    private const string HostLogCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private static string? StartupFailure(Exception e) => e switch
    {
        ConfigurationException c => c.Message,
        Microsoft.Extensions.Options.OptionsValidationException o => string.Join("; ", o.Failures),
        AggregateException { InnerExceptions.Count: > 0 } a => StartupFailure(a.InnerExceptions[0]),

        // Kestrel's message names the address; say what to do (a second copy of the editor is the usual cause).
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } =>
            $"{e.Message} Another program listens there (VodManager already running?): stop it, or choose another address with `Urls` in appsettings.json, ASPNETCORE_URLS or --urls.",
        _ when e.InnerException is not null => StartupFailure(e.InnerException),
        _ => null,
    };

    private static void OnStarted(WebApplication app)
    {
        var serverAddress = app.Services.GetRequiredService<ServerAddress>();
        if (serverAddress.BaseUri is not { } baseUri)
        {
            return;
        }

        app.Logger.LogInformation("VodManager editor: {Url}", new Uri(baseUri, "/streams"));
        Console.WriteLine($"VodManager is running: open {new Uri(baseUri, "/streams")}");
        if (app.Services.GetRequiredService<IOptions<VodManagerOptions>>().Value.SeedDemo)
        {
            var accounts = app.Services.GetRequiredService<IOptions<AccountsOptions>>().Value;
            Console.WriteLine($"Demo sign-in: {accounts.DemoEmail} / {accounts.DemoPassword} (the embedded demo's documented default: set Accounts:DemoPassword before the first start, or turn VodManager:SeedDemo off, for anything but a local demo)");
        }
    }

    /// <summary>The first address the server is bound to, with a wildcard host made reachable.</summary>
    private static Uri? BoundAddress(IServer server)
    {
        var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return first is null
            ? null
            : new Uri(first.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost"));
    }
}
