namespace VodManager.Core.Data.Entities;

/// <summary>Who did what to a highlight and when: trims, overrides, dismissals, deletes.</summary>
public sealed class HighlightActivity
{
    public long Id { get; set; }
    public int HighlightId { get; set; }
    public required string Action { get; set; }
    public required string Actor { get; set; }
    public string? Detail { get; set; }
    public DateTime At { get; set; }
}
