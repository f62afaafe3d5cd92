namespace VodManager.Core.Data.Entities;

/// <summary>
/// A chat, events or transcript import of one stream whose rows are being stored, in any process (web app or CLI).
/// Its id marks the rows it stores; they stay invisible until the stream points at it. The holder renews the lease
/// while it works; a lapsed lease is a dead holder's, and the start-up sweep removes what it left.
/// </summary>
public sealed class DataImport
{
    public long Id { get; set; }
    public int StreamId { get; set; }
    public DateTime ExpiresAt { get; set; }
}
