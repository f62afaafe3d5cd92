namespace VodManager.Core.Data.Entities;

/// <summary>Something the account owner is told about (e.g. "stream archived"), kept until read.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public string? Body { get; set; }
    public int? StreamId { get; set; }
    public int? VodId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
