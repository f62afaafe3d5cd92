namespace VodManager.Core.Quota;

/// <summary>The account has no such VOD (or it belongs to another account, which reads the same).</summary>
public sealed class VodNotFoundException(int vodId) : UserFacingException($"VOD {vodId} was not found.")
{
    public int VodId { get; } = vodId;
}
