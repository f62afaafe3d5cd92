namespace VodManager.Core.Ingest.Video;

/// <summary>
/// A download step failed in a way that may pass (a server's 503, a dropped connection): <see cref="UrlDownloader"/>
/// tries it again, and turns the last one into a <see cref="VideoImportException"/>, so this never leaves it.
/// </summary>
internal sealed class PassingDownloadFailure(string message, TimeSpan? retryAfter, Exception? inner) : Exception(message, inner)
{
    /// <summary>How long the server asked to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
