namespace VodManager.Core.Refinement;

/// <summary>A backend could not refine: the message says why (a timeout, a refusal, a malformed answer, a missing key).</summary>
public sealed class RefinementBackendException(string message, string? rawResponse = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What the backend answered, when it answered something, for the history.</summary>
    public string? RawResponse { get; } = rawResponse;
}
