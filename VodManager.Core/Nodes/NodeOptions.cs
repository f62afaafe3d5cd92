using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Nodes;

/// <summary>The "Nodes" section: how each process on the database (app node or CLI) shows the others it is alive.</summary>
public sealed class NodeOptions : IValidatableObject
{
    public const string Section = "Nodes";

    /// <summary>How often a node renews its lease.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a lease lasts without renewal; after that the node counts as dead and other nodes sweep its leftovers.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How far this node's clock may be from the database server's (<see cref="NodeClock"/>): leases and claims are
    /// compared across nodes' clocks, so a node further off does not start, and one that drifts that far is unhealthy.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A lease must outlive a few missed renewals (a busy database, a GC pause), or a live node's work is swept.
        if (LeaseDuration < HeartbeatInterval * 3)
        {
            yield return new ValidationResult(
                $"{Section}:LeaseDuration ({LeaseDuration}) must be at least three times {Section}:HeartbeatInterval ({HeartbeatInterval}).",
                [nameof(LeaseDuration)]);
        }
    }
}
