using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace VodManager.Testing;

/// <summary>
/// A real server (PostgreSQL, Redis, Azurite) that tests and benchmarks start on a free loopback port in a temp folder of its own:
/// one shared by the whole test run (<see cref="GetAsync"/>) or a private one a test may stop and restart
/// (<see cref="StartNewAsync"/>). It is ready once its port accepts connections. It is reaped with everything it
/// started (its whole process group, its folder) on dispose, when the test process exits, and by a watchdog when the
/// test process is killed.
/// </summary>
public abstract class LoopbackServer<TSelf> : IAsyncDisposable where TSelf : LoopbackServer<TSelf>, new()
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120); // what node or initdb can take on a loaded 2-core box
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TSelf? _shared;
    private readonly ProcessLog _log = new();
    private Process? _process;
    private int _reaped;

    public int Port { get; private set; }

    /// <summary>What the server printed, for failure messages.</summary>
    public string Log => _log.ToString();

    /// <summary>The server's own temp folder (data, socket, log).</summary>
    protected string Folder { get; private set; } = "";

    /// <summary>Names the server in failure messages.</summary>
    protected abstract string Name { get; }

    /// <summary>A shell command that stops what <see cref="LaunchAsync"/> left running outside its process group (a daemon).</summary>
    protected virtual string? ReapCommand => null;

    /// <summary>The server shared by the whole test run, started on first use.</summary>
    public static async Task<TSelf> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await StartNewAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A private server; dispose it to stop it.</summary>
    public static async Task<TSelf> StartNewAsync()
    {
        LoopbackServer<TSelf> server = new TSelf();
        server.Port = FreePort.Next();
        server.Folder = Path.Combine(Path.GetTempPath(), $"vodmanager-{server.Name.ToLowerInvariant()}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(server.Folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Reap();
        try
        {
            // What no process group holds is reaped even when the test process dies without its exit handlers. Started
            // before the launch, so a death mid-launch leaves no daemon either.
            ChildProcess.AfterTestProcess(server.CleanupCommand);
            await server.LaunchAsync();
            await server.WaitUntilListeningAsync();
            await server.OnReadyAsync();
            return (TSelf)server;
        }
        catch
        {
            server.Reap();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Reap();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Starts the server on <see cref="Port"/> in <see cref="Folder"/>.</summary>
    protected abstract Task LaunchAsync();

    /// <summary>Prepares what tests need once the server listens (a template database).</summary>
    protected virtual Task OnReadyAsync() => Task.CompletedTask;

    /// <summary>Starts the server's process in a process group of its own, its output going to <see cref="Log"/>.</summary>
    protected void StartProcess(string fileName, IEnumerable<string> arguments)
    {
        var process = ChildProcess.Start(fileName, arguments, Folder);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>SIGKILLs the server's process group, as a crash would; <see cref="RelaunchAsync"/> brings it back.</summary>
    protected void KillProcess()
    {
        if (_process is not null)
        {
            ChildProcess.Stop(_process);
        }
    }

    /// <summary>Starts the server again on the same port and folder and waits until it listens.</summary>
    protected async Task RelaunchAsync()
    {
        await LaunchAsync();
        await WaitUntilListeningAsync();
    }

    /// <summary>Runs a set-up command (bash) to completion; a non-zero exit throws with its output.</summary>
    protected async Task RunAsync(string command)
    {
        var info = new ProcessStartInfo("/bin/bash") { ArgumentList = { "-c", command }, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start: {command}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var printed = await output + await error;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{Name} set-up failed ({command}), exit {process.ExitCode}: {printed}"));
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"{Name} exited on start: {Log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"{Name} did not listen on {Port} within {StartTimeout.TotalSeconds:0} s: {Log}");
    }

    private void Reap()
    {
        if (Interlocked.Exchange(ref _reaped, 1) != 0)
        {
            return;
        }

        KillProcess();
        Process.Start("/bin/bash", ["-c", CleanupCommand])?.WaitForExit(30_000);
    }

    /// <summary>What removes the server's leftovers once its process is gone: its own reap command, then its folder.</summary>
    private string CleanupCommand => $"{ReapCommand ?? "true"}; rm -rf '{Folder}'";

    private void Append(string? line) => _log.Append(line ?? "");
}
