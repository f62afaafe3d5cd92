using VodManager.Core.Ingest.Uploads;

namespace VodManager.Web.Hosting;

/// <summary>Every few minutes, drops uploads left idle past Import:UploadSessionLifetime: their staged bytes and quota reservations.</summary>
public sealed class UploadSweeper(VideoUploadService uploads, ILogger<UploadSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    var dropped = await uploads.SweepExpiredAsync(stoppingToken);
                    if (dropped > 0)
                    {
                        logger.LogInformation("Dropped {Count} expired uploads", dropped);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Sweeping expired uploads failed; trying again in {Interval}", Interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping. A host whose start failed is disposed without being stopped, and would report this
            // cancellation as the service's critical failure, a stack trace after the one-line refusal.
        }
    }
}
