using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VodManager.Core.Storage;

/// <summary>
/// Signs and checks the app's media URLs (<c>/media/{key}?exp=…&amp;sig=…</c>): time-limited, and bound to the key,
/// which is itself bound to its account, so a URL for one VOD never opens another.
/// </summary>
public sealed class MediaUrlSigner
{
    public const string RoutePrefix = "/media/";
    private readonly Lazy<byte[]> _secret;
    private readonly TimeProvider _time;

    public MediaUrlSigner(DataPaths paths, TimeProvider time)
    {
        _time = time;

        // Loaded on first use, not at construction: start-up checks the data folder before anything writes to it.
        _secret = new Lazy<byte[]>(() => LoadOrCreateSecret(Path.Combine(paths.Keys, "media-url.key")));
    }

    /// <summary>The path and query for a key; callers put their own base address in front.</summary>
    public string SignPath(string key, TimeSpan lifetime)
    {
        StorageKeys.Validate(key);
        var expires = _time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var escaped = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        return $"{RoutePrefix}{escaped}?exp={expires.ToString(CultureInfo.InvariantCulture)}&sig={Signature(key, expires)}";
    }

    /// <summary>True when the signature matches the key and the URL has not expired.</summary>
    public bool Verify(string key, string? exp, string? sig)
    {
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || sig is null)
        {
            return false;
        }

        if (_time.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(key, expires));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig));
    }

    private string Signature(string key, long expires)
    {
        var mac = HMACSHA256.HashData(_secret.Value, Encoding.UTF8.GetBytes($"{key}\n{expires}"));
        return Base64UrlEncode(mac);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] LoadOrCreateSecret(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllBytes(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            stream.Write(secret);
            return secret;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; everyone must share one secret.
            return File.ReadAllBytes(path);
        }
    }
}
