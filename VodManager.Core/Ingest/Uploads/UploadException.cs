namespace VodManager.Core.Ingest.Uploads;

/// <summary>An upload request was refused; the message says why in words a person can act on.</summary>
public sealed class UploadException(UploadError error, string message, long? currentOffset = null, Exception? inner = null) : UserFacingException(message, inner)
{
    public UploadError Error { get; } = error;

    /// <summary>For <see cref="UploadError.OffsetMismatch"/>: where the client must continue.</summary>
    public long? CurrentOffset { get; } = currentOffset;
}
