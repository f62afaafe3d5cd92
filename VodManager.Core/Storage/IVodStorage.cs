namespace VodManager.Core.Storage;

/// <summary>
/// Where VOD bytes live: local disk (default) or Azure Blob Storage. Keys are relative, '/'-separated paths.
/// Writes are all-or-nothing: a failed or cancelled put leaves no object behind.
/// </summary>
public interface IVodStorage
{
    /// <summary>"LocalDisk" or "AzureBlob", for logs and health output.</summary>
    string Name { get; }

    /// <summary>Writes <paramref name="content"/> under <paramref name="key"/>, replacing any object there; returns the bytes written.</summary>
    Task<long> PutAsync(string key, Stream content, long? length, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the local file at <paramref name="path"/> under <paramref name="key"/> like <see cref="PutAsync"/>, refusing
    /// it unless it holds <paramref name="length"/> bytes, and takes the file: once stored it is no longer at
    /// <paramref name="path"/> (after a failure it may be gone too). Local disk moves it into place, a rename on the
    /// same disk, instead of copying its bytes.
    /// </summary>
    Task<long> PutFileAsync(string key, string path, long length, CancellationToken cancellationToken);

    /// <summary>Opens the whole object for reading; throws <see cref="StorageObjectNotFoundException"/> when absent.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Opens bytes [offset, offset + length) (to the end when length is null).</summary>
    Task<Stream> OpenReadRangeAsync(string key, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>Removes the object; returns false when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>The object's size in bytes, or null when absent.</summary>
    Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken);

    /// <summary>A URL that anyone holding it can read (with HTTP range requests) until it expires: a SAS URL for Blob, the app's signed media endpoint for disk.</summary>
    Task<Uri> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>
    /// A read URL like <see cref="GetReadUrlAsync"/>'s whose response has the browser save the object as
    /// <paramref name="fileName"/> (<see cref="DownloadDisposition"/>): a browser ignores a link's <c>download</c>
    /// name for another origin (a Blob URL), so the name must come with the response. The name is part of what is
    /// signed; a URL with another name is refused.
    /// </summary>
    Task<Uri> GetDownloadUrlAsync(string key, string fileName, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Keys under a prefix, for sweeps and for tests that prove nothing was left behind.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The file behind a key when storage is a local disk (ffmpeg reads it directly); null for remote storage.</summary>
    string? TryGetLocalPath(string key);

    /// <summary>Throws with a clear message when the storage cannot be reached or written.</summary>
    Task CheckHealthAsync(CancellationToken cancellationToken);
}
