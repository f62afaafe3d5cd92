using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Storage;

/// <summary>The "Storage" section of appsettings.json.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>LocalDisk (default: files under the data folder) or AzureBlob.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.LocalDisk;

    /// <summary>How long a read URL handed to ffmpeg, the video player or an LLM stays valid.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan ReadUrlLifetime { get; set; } = TimeSpan.FromHours(2);

    public LocalDiskStorageOptions LocalDisk { get; set; } = new();
    public AzureBlobStorageOptions AzureBlob { get; set; } = new();
}

public sealed class LocalDiskStorageOptions
{
    /// <summary>Root folder for stored VODs; empty means "storage" under the data folder.</summary>
    public string? Root { get; set; }

    /// <summary>Base URL the app is reachable at, for signed media URLs; empty means the address the app listens on.</summary>
    public string? PublicBaseUrl { get; set; }
}

public sealed class AzureBlobStorageOptions
{
    /// <summary>An Azure Storage connection string with an account key (needed to sign SAS read URLs).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob container; created on start if missing.</summary>
    public string Container { get; set; } = "vods";
}
