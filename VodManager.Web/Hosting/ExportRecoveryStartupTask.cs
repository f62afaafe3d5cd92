using VodManager.Core.Export;

namespace VodManager.Web.Hosting;

/// <summary>
/// Removes what killed exports left (work files, pending reservations, unowned objects) after migration and before
/// the scheduler starts; a recovered export job then simply reserves again.
/// </summary>
public sealed class ExportRecoveryStartupTask(ExportRecoverySweep sweep) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
