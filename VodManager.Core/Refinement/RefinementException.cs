namespace VodManager.Core.Refinement;

/// <summary>A refinement request that cannot run at all (unknown stream or highlight, refinement off, unknown backend).</summary>
public sealed class RefinementException(string message) : UserFacingException(message);
