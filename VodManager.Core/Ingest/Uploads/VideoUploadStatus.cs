namespace VodManager.Core.Ingest.Uploads;

public enum VideoUploadStatus
{
    /// <summary>Accepting chunks.</summary>
    Uploading = 0,

    /// <summary>All bytes arrived, were validated and stored (or matched a VOD already stored).</summary>
    Completed = 1,
}
