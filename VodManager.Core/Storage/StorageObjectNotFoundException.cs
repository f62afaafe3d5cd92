namespace VodManager.Core.Storage;

public sealed class StorageObjectNotFoundException(string storage, string key)
    : Exception($"{storage}: no object at '{key}'")
{
    public string Key { get; } = key;
}
