namespace VodManager.Core.Quota;

/// <summary>A VOD cannot be deleted because a running job has it pinned.</summary>
public sealed class VodInUseException(int vodId) : UserFacingException($"VOD {vodId} is in use by a running job; try again when it finishes.")
{
    public int VodId { get; } = vodId;
}
