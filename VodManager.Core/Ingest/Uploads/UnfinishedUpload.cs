namespace VodManager.Core.Ingest.Uploads;

/// <summary>
/// A browser upload not finished yet, kept for the same file to continue (the tab closed, the connection died, or it is
/// still going in some tab): its whole size stays reserved on the account until <paramref name="ExpiresAt"/> (UTC).
/// </summary>
/// <param name="LastActiveAt">When it last moved on (its last chunk, else its start), UTC.</param>
/// <param name="IdleAt">When it counts as stopped if no piece comes before (Import:UploadIdleAfter after the last one), UTC.</param>
public sealed record UnfinishedUpload(Guid Id, int StreamId, string FileName, long Length, long Offset, DateTime LastActiveAt, DateTime IdleAt, DateTime ExpiresAt)
{
    public double Percent => Length > 0 ? Math.Min(100, 100.0 * Offset / Length) : 0;

    /// <summary>Whether some browser is still sending it at <paramref name="utcNow"/>, as far as the server can tell.</summary>
    public bool IsSending(DateTime utcNow) => utcNow < IdleAt;
}
