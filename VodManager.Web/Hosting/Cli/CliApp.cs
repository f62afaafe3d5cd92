using System.CommandLine;
using VodManager.Core;
using VodManager.Core.Jobs;

namespace VodManager.Web.Hosting.Cli;

/// <summary>The operator's command line, on the same services as the web host but with jobs run inline.</summary>
public static class CliApp
{
    private static readonly ICliVerb[] Verbs = [new SeedDemoVerb(), new ImportVerb(), new CutVerb(), new CutAllVerb(), new DetectVerb(), new AnalyzeVerb(), new RefineVerb(), new ExportVerb(), new StreamsVerb()];

    public static bool IsCliInvocation(string[] args) =>
        args.Length > 0 && Verbs.Any(v => v.Name == args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddRootAppSettings();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddVodManagerCore(builder.Configuration);
        builder.Services.AddSingleton<IJobQueue, InlineJobQueue>();
        builder.Services.AddJobHandlers();
        using var host = builder.Build();

        var cli = new CliContext(host.Services);
        var root = new RootCommand("VodManager operator commands");
        foreach (var verb in Verbs)
        {
            root.Subcommands.Add(verb.Build(cli));
        }

        try
        {
            // Our own handler below prints one "error: …" line; the library's default would print a stack trace instead.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is CliException or ConfigurationException or JobFailedException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }
}
