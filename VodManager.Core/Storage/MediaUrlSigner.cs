using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VodManager.Core.Data;

namespace VodManager.Core.Storage;

/// <summary>
/// Signs and checks the app's media URLs (<c>/media/{key}?exp=…&amp;sig=…</c>): time-limited, and bound to the key,
/// which is itself bound to its account, so a URL for one VOD never opens another.
/// </summary>
public sealed class MediaUrlSigner(SharedSecrets secrets, TimeProvider time)
{
    public const string RoutePrefix = "/media/";

    /// <summary>The HMAC key, shared by every node through the database so a URL one node signed opens on any other.</summary>
    private const string SecretName = "media-url";

    private byte[]? _secret;

    /// <summary>The path and query for a key; callers put their own base address in front.</summary>
    public async Task<string> SignPathAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        StorageKeys.Validate(key);
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var escaped = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        var signature = await SignatureAsync(key, expires, cancellationToken);
        return $"{RoutePrefix}{escaped}?exp={expires.ToString(CultureInfo.InvariantCulture)}&sig={signature}";
    }

    /// <summary>True when the signature matches the key and the URL has not expired.</summary>
    public async Task<bool> VerifyAsync(string key, string? exp, string? sig, CancellationToken cancellationToken)
    {
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || sig is null)
        {
            return false;
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(await SignatureAsync(key, expires, cancellationToken));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig));
    }

    private async Task<string> SignatureAsync(string key, long expires, CancellationToken cancellationToken)
    {
        // Read once; two first calls at once both read the same stored value, so no lock is needed.
        var secret = _secret ??= await secrets.GetOrCreateAsync(SecretName, 32, cancellationToken);
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{key}\n{expires}"));
        return Base64UrlEncode(mac);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
