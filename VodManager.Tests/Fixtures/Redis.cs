using System.Globalization;

namespace VodManager.Tests.Fixtures;

/// <summary>A real Redis (Debian's `redis-server`), in memory only; a private one can be killed and restarted on its port.</summary>
public sealed class Redis : LoopbackServer<Redis>
{
    private const string Binary = "/usr/bin/redis-server";

    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    protected override string Name => "Redis";

    /// <summary>SIGKILLs the server, as when its machine dies.</summary>
    public void Kill() => KillProcess();

    /// <summary>Starts it again on the same port (empty: it kept nothing).</summary>
    public Task RestartAsync() => RelaunchAsync();

    protected override Task LaunchAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"Redis is not installed at {Binary}; run scripts/setup.sh.");
        }

        StartProcess(Binary, ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", Folder]);
        return Task.CompletedTask;
    }
}
