namespace VodManager.Core.Refinement;

/// <summary>One chat message in a refinement window.</summary>
public sealed record ChatLine(double OffsetSeconds, string Author, string Text);
