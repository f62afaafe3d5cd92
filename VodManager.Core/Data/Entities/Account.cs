using VodManager.Core.Accounts;

namespace VodManager.Core.Data.Entities;

/// <summary>A tenant: owns streams and VODs, and carries the storage ledger its plan is checked against.</summary>
public sealed class Account
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public AccountPlan Plan { get; set; }

    /// <summary>Free tier: the most VODs (archives and clips alike) the account may store; null = unlimited.</summary>
    public int? MaxVodCount { get; set; }

    /// <summary>Paid plan: the most bytes the account may store; null = unlimited.</summary>
    public long? QuotaBytes { get; set; }

    /// <summary>Ledger: bytes of every VOD that is stored or reserved (pending). Changed only by <c>QuotaService</c>.</summary>
    public long UsedBytes { get; set; }

    /// <summary>Ledger: count of every VOD that is stored or reserved (pending). Changed only by <c>QuotaService</c>.</summary>
    public int VodCount { get; set; }

    /// <summary>When a write does not fit, evict the oldest unpinned clips to make room.</summary>
    public bool EvictOldClips { get; set; }

    /// <summary>Refinement backend name (mock, heuristic, gemini) or null for no refinement.</summary>
    public string? RefinementBackend { get; set; } = "heuristic";
    public bool AutoRefine { get; set; } = true;
    public int RefinementsPerRun { get; set; } = 5;
    public int RefinementsPerDay { get; set; } = 50;

    public DateTime CreatedAt { get; set; }

    public List<LiveStream> Streams { get; set; } = [];
}
