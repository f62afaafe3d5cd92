using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace VodManager.Core.Storage;

/// <summary>
/// Signs and checks the app's media URLs (<c>/media/{key}?sig=…</c>): time-limited, and bound to the key, which is
/// itself bound to its account, so a URL for one VOD never opens another. The signature is a data-protection token
/// of the key and its expiry, so it shares the key ring every node reads from the database (a URL one node signed
/// opens on any other), its rotation, and its encryption at rest (<see cref="KeyRingOptions"/>): whoever reads the
/// database without the certificate cannot sign a URL.
/// </summary>
public sealed class MediaUrlSigner(IDataProtectionProvider protection)
{
    public const string RoutePrefix = "/media/";

    /// <summary>The query parameter of a download URL's file name.</summary>
    public const string NameParameter = "name";

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("VodManager.MediaUrl").ToTimeLimitedDataProtector();

    /// <summary>
    /// The path and query for a key; callers put their own base address in front. The expiry is on the system clock,
    /// the one <see cref="Verify"/>'s protector checks it against.
    /// </summary>
    /// <param name="downloadName">
    /// The name the response asks the browser to save it as (<c>&amp;name=</c>, signed with the key); null for a
    /// player's URL.
    /// </param>
    public string SignPath(string key, TimeSpan lifetime, string? downloadName = null)
    {
        StorageKeys.Validate(key);
        var escaped = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        var path = $"{RoutePrefix}{escaped}?sig={_protector.Protect(Signed(key, downloadName), lifetime)}";
        return downloadName is null ? path : $"{path}&{NameParameter}={Uri.EscapeDataString(downloadName)}";
    }

    /// <summary>True when the signature was made for this key (and this download name, if any) and has not expired.</summary>
    public bool Verify(string key, string? sig, string? downloadName = null)
    {
        if (string.IsNullOrEmpty(sig))
        {
            return false;
        }

        try
        {
            return _protector.Unprotect(sig, out _) == Signed(key, downloadName);
        }
        catch (CryptographicException)
        {
            // Tampered, expired, made with a key this ring does not hold, or not a token at all.
            return false;
        }
    }

    /// <summary>A key holds no control character (<see cref="StorageKeys.Validate"/>), so the newline parts the two.</summary>
    private static string Signed(string key, string? downloadName) => downloadName is null ? key : $"{key}\n{downloadName}";
}
