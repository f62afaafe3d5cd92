namespace VodManager.Core.Data.Entities;

/// <summary>A lease that keeps a VOD from eviction or deletion while a job reads it; expires on its own after a crash.</summary>
public sealed class VodPin
{
    public long Id { get; set; }
    public int VodId { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresAt { get; set; }
}
