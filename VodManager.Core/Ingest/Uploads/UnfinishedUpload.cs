namespace VodManager.Core.Ingest.Uploads;

/// <summary>
/// A browser upload that stopped before its end (the tab closed, the connection died) and is kept for the same file to
/// continue: its whole size stays reserved on the account until <paramref name="ExpiresAt"/> (UTC).
/// </summary>
public sealed record UnfinishedUpload(Guid Id, string FileName, long Length, long Offset, DateTime ExpiresAt);
