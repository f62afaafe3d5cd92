namespace VodManager.Core.Data.Entities;

/// <summary>
/// How many refinements an account started on one UTC day: the ledger the per-day cap is checked against. It lives
/// apart from highlights and their history, so re-detecting a stream (which replaces highlights) cannot reset it.
/// </summary>
public sealed class RefinementUsage
{
    public int AccountId { get; set; }

    /// <summary>Midnight UTC of the day counted.</summary>
    public DateTime Day { get; set; }

    public int Count { get; set; }
}
