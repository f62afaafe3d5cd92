namespace VodManager.Core.Ingest;

/// <summary>A source video was refused; the message names the file and the reason. Nothing of it was kept.</summary>
public sealed class VideoImportException(string message, Exception? inner = null) : UserFacingException(message, inner);
