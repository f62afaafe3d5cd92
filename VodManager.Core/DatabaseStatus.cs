namespace VodManager.Core;

/// <summary>What the health probe found: whether the database answered, and a line saying what it is or why not.</summary>
public sealed record DatabaseStatus(bool Reachable, string Description);
