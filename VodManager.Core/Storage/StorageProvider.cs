namespace VodManager.Core.Storage;

public enum StorageProvider
{
    LocalDisk = 0,
    AzureBlob = 1,
}
