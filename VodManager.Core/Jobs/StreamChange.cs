namespace VodManager.Core.Jobs;

/// <summary>
/// An editor changed a stream by hand (a trim, a reset, a dismissal, a deleted clip, its details): every other open
/// editor of the stream reads it again, on every node. Jobs say what they changed through their own updates.
/// </summary>
public sealed record StreamChange(int AccountId, int StreamId)
{
    /// <summary>The bus that published it, so its own echo back from Redis is not delivered a second time.</summary>
    public Guid Origin { get; init; }
}
