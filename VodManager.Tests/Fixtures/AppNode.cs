using System.Diagnostics;
using System.Text.RegularExpressions;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// The built app as its own process on a free port with its own data folder, as an operator runs one node; several
/// of them on one server database are a cluster. Disposing kills it (as a crash would) and removes the folder.
/// </summary>
public sealed partial class AppNode : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(240);
    private readonly Process _process;
    private readonly ProcessLog _log;
    private readonly TempFolder _folder;

    private AppNode(Process process, ProcessLog log, TempFolder folder, Uri baseUrl)
    {
        _process = process;
        _log = log;
        _folder = folder;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string DataFolder => _folder.Path;

    /// <summary>Everything the node printed so far, for failure messages.</summary>
    public string Log => _log.ToString();

    /// <param name="settings">"Section:Key" settings, passed as environment variables; the demo seed is off unless they turn it on.</param>
    public static async Task<AppNode> StartAsync(string name, IReadOnlyDictionary<string, string?> settings)
    {
        var folder = new TempFolder($"node-{name}");
        var environment = new Dictionary<string, string> { ["VodManager__DataFolder"] = folder.Path, ["VodManager__SeedDemo"] = "false" };
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            environment[key.Replace(":", "__")] = value!;
        }

        await DemoVideo.PlaceForAsync(environment);

        var log = new ProcessLog();
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = WebHostProcess.StartServer(environment, line =>
        {
            log.Append($"{name}: {line}");

            if (RunningAt().Match(line) is { Success: true } match)
            {
                started.TrySetResult(new Uri(new Uri(match.Groups["url"].Value).GetLeftPart(UriPartial.Authority)));
            }
        });
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"node {name} exited during start-up"));
        try
        {
            return new AppNode(process, log, folder, await started.Task.WaitAsync(StartTimeout));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            ChildProcess.Stop(process);
            folder.Dispose();
            lock (log)
            {
                throw new InvalidOperationException($"node {name} did not start ({e.Message}):\n{log}");
            }
        }
    }

    /// <summary>A client for this node that keeps cookies in <paramref name="cookies"/> and does not follow redirects.</summary>
    public HttpClient CreateClient(System.Net.CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new(), AllowAutoRedirect = false }) { BaseAddress = BaseUrl };

    public ValueTask DisposeAsync()
    {
        ChildProcess.Stop(_process);
        _process.Dispose();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"VodManager is running: open (?<url>\S+)")]
    private static partial Regex RunningAt();
}
