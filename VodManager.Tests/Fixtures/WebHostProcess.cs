using System.Diagnostics;

namespace VodManager.Tests.Fixtures;

/// <summary>The built VodManager.Web as a separate process, exactly as an operator runs it (for start-up and CLI tests).</summary>
public static class WebHostProcess
{
    /// <summary>The build configuration of these tests (Release or Debug).</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    /// <summary>VodManager.Web.dll from the same build configuration as these tests.</summary>
    public static string Dll
    {
        get
        {
            var dll = Path.Combine(RepoPaths.Root, "VodManager.Web", "bin", Configuration, "net10.0", "VodManager.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build VodManager.Web first.", dll);
        }
    }

    /// <summary>Runs the app (or a CLI verb) to completion and returns its exit code, stdout and stderr.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IEnumerable<string> arguments, IDictionary<string, string> environment, TimeSpan timeout) =>
        RunAsync("dotnet", [Dll, .. arguments], Path.GetDirectoryName(Dll)!, environment, timeout);

    /// <summary>Runs a command that starts the app (the `vodmanager` script, `dotnet run`) from <paramref name="workingDirectory"/> to completion.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment, TimeSpan timeout)
    {
        using var process = Start(fileName, arguments, workingDirectory, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"VodManager.Web did not exit within {timeout}: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a command with stdout and stderr redirected and the test defaults in its environment.</summary>
    public static Process Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in WithDefaults(environment))
        {
            info.Environment[key] = value;
        }

        return Process.Start(info)!;
    }

    /// <summary>
    /// Starts the app as a long-running server (or, given <paramref name="arguments"/>, a CLI verb) that dies with the
    /// test run; every line it prints goes to <paramref name="output"/>. Stop it with <see cref="ChildProcess.Stop"/>
    /// (SIGKILL, as a crash would).
    /// </summary>
    public static Process StartServer(IDictionary<string, string> environment, Action<string> output, params string[] arguments)
    {
        var process = ChildProcess.Start("dotnet", [Dll, .. arguments], Path.GetDirectoryName(Dll), WithDefaults(environment));
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        void Forward(string? line)
        {
            if (line is not null)
            {
                output(line);
            }
        }
    }

    private static Dictionary<string, string> WithDefaults(IDictionary<string, string> environment)
    {
        var all = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        return all.Merge(environment);
    }
}
