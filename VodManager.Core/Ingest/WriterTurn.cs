using System.Diagnostics;
using VodManager.Core.Diagnostics;

namespace VodManager.Core.Ingest;

/// <summary>
/// Takes turns at the database writer with everyone else during a long run of write transactions (an import's rows,
/// a purge): after <see cref="MaxHold"/> of writing, the writer is left free for <see cref="Gap"/>. SQLite queues no
/// one for it: a waiting writer retries now and then (Microsoft.Data.Sqlite every 150 ms, SQLite's own handler at most
/// every 100 ms) and finds the short moments between back-to-back transactions only by luck. A gap longer than any
/// retry interval lets every waiter in at its next try, so another write waits about <see cref="MaxHold"/> at most,
/// for a cost of <see cref="Gap"/> / <see cref="MaxHold"/> to the long run (and few, long transactions, each commit
/// being a sync to disk).
/// </summary>
internal sealed class WriterTurn(TimeProvider time)
{
    public static readonly TimeSpan MaxHold = TimeSpan.FromMilliseconds(1500);

    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(200);

    private long _since = Stopwatch.GetTimestamp();

    /// <summary>True once this turn has written for <see cref="MaxHold"/>: end the transaction and <see cref="PassAsync"/>.</summary>
    public bool Over => Stopwatch.GetElapsedTime(_since) >= MaxHold;

    /// <summary>Between transactions: once the turn is over, leaves the writer to others for <see cref="Gap"/> and starts the next.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        if (!Over)
        {
            return;
        }

        using (VodActivities.Start(VodActivities.IngestYield))
        {
            await Task.Delay(Gap, time, cancellationToken);
        }

        _since = Stopwatch.GetTimestamp();
    }
}
