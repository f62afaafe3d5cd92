using VodManager.Core.Ingest;

namespace VodManager.Web.Hosting;

/// <summary>Removes the rows of chat, events and transcript imports a killed process left, after migration.</summary>
public sealed class IngestRecoveryStartupTask(IngestRecoverySweep sweep) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
