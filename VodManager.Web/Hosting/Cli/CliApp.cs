using System.CommandLine;
using System.CommandLine.Help;
using VodManager.Core;
using VodManager.Core.Jobs;
using VodManager.Core.Nodes;
using VodManager.Demo;

namespace VodManager.Web.Hosting.Cli;

/// <summary>The operator's command line, on the same services as the web host but with jobs run inline.</summary>
public static class CliApp
{
    /// <summary>
    /// Set by the repository's `vodmanager` script: every invocation is a CLI one, so no arguments or a mistyped
    /// verb print help or an error instead of starting the web server.
    /// </summary>
    public const string ScriptVariable = "VODMANAGER_CLI";

    private static readonly ICliVerb[] Verbs = [new SeedDemoVerb(), new ImportVerb(), new CutVerb(), new CutAllVerb(), new DetectVerb(), new AnalyzeVerb(), new RefineVerb(), new ExportVerb(), new BrowserCopyVerb(), new StreamsVerb(), new AccountVerb(), new UsersVerb()];

    private static readonly string[] HelpWords = ["--help", "-h", "-?", "help"];

    public static bool IsCliInvocation(string[] args) =>
        Environment.GetEnvironmentVariable(ScriptVariable) == "1"
        || (args.Length > 0 && (Verbs.Any(v => v.Name == args[0]) || HelpWords.Contains(args[0])));

    public static async Task<int> RunAsync(string[] args)
    {
        using var interruption = new CliInterruption();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddRootAppSettings();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A verb's own progress lines say when its job starts and ends, and a command's lease is no news to whoever
        // typed it: at Information these two put a node's bookkeeping before every result.
        builder.Logging.AddFilter(typeof(NodeHeartbeat).FullName, LogLevel.Warning);
        builder.Logging.AddFilter(typeof(JobExecutor).FullName, LogLevel.Warning);
        builder.Services.AddVodManagerCore(builder.Configuration);
        builder.Services.AddVodManagerDemo();
        builder.Services.AddSingleton<IJobQueue, InlineJobQueue>();
        builder.Services.AddJobHandlers();
        using var host = builder.Build();

        var cli = new CliContext(host.Services);
        // A plain command, not RootCommand: that one is named after the assembly, so help would say "VodManager.Web"
        // where the operator types `vodmanager`.
        var root = new Command("vodmanager", "VodManager operator commands. Relative paths are taken from the current directory; results go to stdout, progress and logs to stderr.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        foreach (var verb in Verbs)
        {
            root.Subcommands.Add(verb.Build(cli));
        }

        try
        {
            // Our own handler below prints one "error: …" line; the library's default would print a stack trace instead.
            // Signals are ours too (CliInterruption): the library's would end the process while the job still cleans up.
            var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await root.Parse(args is ["help"] ? ["--help"] : args).InvokeAsync(configuration, interruption.Token);
        }
        catch (Exception) when (interruption.Signal is { } signal)
        {
            await Console.Error.WriteLineAsync($"interrupted by {signal.Name}: the job was cancelled");
            return signal.ExitCode;
        }
        catch (Exception e) when (e is CliException or ConfigurationException or JobFailedException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }
}
