namespace VodManager.Core.Ingest.Uploads;

/// <summary>
/// A browser upload not finished yet, kept for the same file to continue (the tab closed, the connection died, or it is
/// still going in some tab): its whole size stays reserved on the account until <paramref name="ExpiresAt"/> (UTC).
/// </summary>
/// <param name="LastActiveAt">When it last moved on (its last chunk, else its start), UTC.</param>
public sealed record UnfinishedUpload(Guid Id, string FileName, long Length, long Offset, DateTime LastActiveAt, DateTime ExpiresAt);
