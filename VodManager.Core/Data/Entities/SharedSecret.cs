namespace VodManager.Core.Data.Entities;

/// <summary>
/// A random secret every node must share (such as the media URL signing key), created once by whichever node needs it
/// first; the name is the key, so two nodes creating it at once end up with the one that was stored.
/// </summary>
public sealed class SharedSecret
{
    public required string Name { get; set; }
    public required byte[] Value { get; set; }
    public DateTime CreatedAt { get; set; }
}
