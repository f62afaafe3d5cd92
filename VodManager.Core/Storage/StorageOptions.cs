using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Storage;

/// <summary>The "Storage" section of appsettings.json.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>LocalDisk (default: files under the data folder) or AzureBlob.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.LocalDisk;

    /// <summary>How long a read URL handed to ffmpeg, the video player or an LLM stays valid.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan ReadUrlLifetime { get; set; } = TimeSpan.FromHours(2);

    public LocalDiskStorageOptions LocalDisk { get; set; } = new();
    public AzureBlobStorageOptions AzureBlob { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.AzureBlob && string.IsNullOrWhiteSpace(AzureBlob.ConnectionString))
        {
            yield return new ValidationResult($"{Section}:AzureBlob:ConnectionString is required when {Section}:Provider is AzureBlob.", ["AzureBlob"]);
        }

        foreach (var failure in SettingsValidation.Nested(AzureBlob, $"{Section}:AzureBlob"))
        {
            yield return failure;
        }
    }
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

    /// <summary>
    /// A file of known length up to this size is stored in one request; a clip or an export is one round-trip
    /// instead of staged blocks plus a commit. Larger ones go up in blocks.
    /// </summary>
    [Range(1024 * 1024, 256L * 1024 * 1024)]
    public long SingleUploadMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Size of one block of a larger upload (and of every upload from a stream of unknown length).</summary>
    [Range(1024 * 1024, 256 * 1024 * 1024)]
    public int UploadBlockBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Blocks of one upload sent at the same time.</summary>
    [Range(1, 16)]
    public int UploadConcurrency { get; set; } = 4;
}
