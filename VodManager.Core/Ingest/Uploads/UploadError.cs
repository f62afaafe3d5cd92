namespace VodManager.Core.Ingest.Uploads;

/// <summary>Why an upload request was refused; the web layer maps each to an HTTP status.</summary>
public enum UploadError
{
    /// <summary>No such upload (or stream) in this account.</summary>
    NotFound,

    /// <summary>The file is over Import:MaxVideoUploadBytes.</summary>
    TooLarge,

    /// <summary>The file does not fit the account's quota.</summary>
    QuotaExceeded,

    /// <summary>The server's disk cannot take the (rest of the) file; nothing of the upload was kept.</summary>
    NoDiskSpace,

    /// <summary>The chunk does not start where the upload continues; the current offset is given.</summary>
    OffsetMismatch,

    /// <summary>The chunk is not the size this upload expects, or the request is malformed.</summary>
    BadRequest,

    /// <summary>Another request is still writing a chunk of this upload.</summary>
    Busy,

    /// <summary>The bytes received so far are gone from storage; the upload must start again.</summary>
    Lost,

    /// <summary>The complete file was refused (not a video, truncated, …); nothing was kept.</summary>
    Refused,
}
