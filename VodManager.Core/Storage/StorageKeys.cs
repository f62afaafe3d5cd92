namespace VodManager.Core.Storage;

/// <summary>Builds and checks storage keys; a key is always account-scoped and never escapes its root.</summary>
public static class StorageKeys
{
    public static string Archive(int accountId, int streamId, string extension) =>
        $"accounts/{accountId}/streams/{streamId}/source-{Guid.NewGuid():N}{NormalizeExtension(extension)}";

    public static string PlatformHighlight(int accountId, int streamId, string extension) =>
        $"accounts/{accountId}/streams/{streamId}/platform-{Guid.NewGuid():N}{NormalizeExtension(extension)}";

    /// <summary>
    /// Deterministic per highlight so a retry after a crash finds, and removes, a partial upload. A cut that replaces
    /// the highlight's clip (<paramref name="replacing"/>) is stored beside it until it commits, so it is named by that clip too.
    /// </summary>
    public static string Clip(int accountId, int highlightId, int? replacing = null) => $"{ClipPrefix(accountId)}{ClipName(highlightId, replacing)}.mp4";

    /// <summary>A clip's external id, which its storage key repeats: one per highlight, and per clip it replaces.</summary>
    public static string ClipName(int highlightId, int? replacing = null) =>
        replacing is { } vodId ? $"highlight-{highlightId}-replacing-{vodId}" : $"highlight-{highlightId}";

    /// <summary>Where an account's clips live, for sweeps that look for objects no VOD row owns.</summary>
    public static string ClipPrefix(int accountId) => $"accounts/{accountId}/clips/";

    /// <summary>Deterministic per export (clip, profile, framing, chat), like a clip's, so a retry finds a partial upload.</summary>
    public static string Export(int accountId, string externalId) => $"{ExportPrefix(accountId)}{externalId}.mp4";

    /// <summary>Deterministic per archive, like an export's: a browser copy lives with the exports and is swept with them.</summary>
    public static string BrowserCopy(int accountId, string externalId) => $"{ExportPrefix(accountId)}{externalId}.mp4";

    /// <summary>Where an account's social exports and browser copies live, for the sweep that looks for objects no VOD row owns.</summary>
    public static string ExportPrefix(int accountId) => $"accounts/{accountId}/exports/";

    /// <summary>A browser's data file (chat, events, transcript) waiting for its import job, which removes it.</summary>
    public static string DataUpload(int accountId) => $"{AccountPrefix(accountId)}uploads/data-{Guid.NewGuid():N}";

    public static string AccountPrefix(int accountId) => $"accounts/{accountId}/";

    /// <summary>The account a key belongs to, or null when the key is not account-scoped.</summary>
    public static int? AccountOf(string key)
    {
        var parts = key.Split('/');
        return parts.Length > 2 && parts[0] == "accounts" && int.TryParse(parts[1], out var id) ? id : null;
    }

    /// <summary>Refuses keys that are empty, rooted, or contain '.', '..', backslashes or control characters.</summary>
    public static string Validate(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.StartsWith('/') || key.Contains('\\') || key.Any(char.IsControl))
        {
            throw new ArgumentException($"Storage key '{key}' is not a relative '/'-separated path.", nameof(key));
        }

        if (key.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"Storage key '{key}' has an empty, '.' or '..' segment.", nameof(key));
        }

        return key;
    }

    private static string NormalizeExtension(string extension)
    {
        var ext = extension.StartsWith('.') ? extension : "." + extension;
        return ext.All(c => char.IsAsciiLetterOrDigit(c) || c == '.') && ext.Length <= 8 ? ext.ToLowerInvariant() : ".bin";
    }
}
