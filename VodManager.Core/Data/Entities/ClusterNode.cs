namespace VodManager.Core.Data.Entities;

/// <summary>
/// A running process (web node or CLI) on the database, known by a fresh id per start. It renews its lease while it
/// lives; its local work (temp folders, partial writes) carries the id, so a sweep removes only a dead node's.
/// </summary>
public sealed class ClusterNode
{
    public required string Id { get; set; }

    /// <summary>The machine it runs on: there, a process id that no longer runs is dead before its lease lapses.</summary>
    public required string Machine { get; set; }

    public int ProcessId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
