using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VodManager.Core;

/// <summary>
/// The "KeyRing" section of appsettings.json: how the keys that sign editors' cookies, antiforgery tokens and circuits
/// are protected where they are kept (the database every node shares).
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "KeyRing";

    /// <summary>
    /// A PKCS#12 file (.pfx) with an RSA private key; every new key is encrypted with it before it is stored. Empty:
    /// keys are stored as they are, so whoever can read the database can forge a sign-in.
    /// </summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Certificates of earlier rotations: keys they encrypted are still read; new keys never use them.</summary>
    public List<KeyRingCertificate> PreviousCertificates { get; set; } = [];

    /// <summary>The current certificate (null when none is set) and every one keys may be read with; a file that cannot serve is refused naming its setting.</summary>
    public (X509Certificate2? Current, IReadOnlyList<X509Certificate2> Readable) LoadCertificates()
    {
        if (string.IsNullOrWhiteSpace(CertificatePath))
        {
            if (PreviousCertificates.Count > 0)
            {
                throw new ConfigurationException($"{Section}:PreviousCertificates", $"earlier certificates are read only beside a current one; set {Section}:CertificatePath too.");
            }

            return (null, []);
        }

        var current = Load($"{Section}:CertificatePath", CertificatePath, CertificatePassword);
        var previous = PreviousCertificates.Select((c, i) => Load($"{Section}:PreviousCertificates:{i}:Path", c.Path, c.Password));
        return (current, [current, .. previous]);
    }

    private static X509Certificate2 Load(string setting, string? path, string? password)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new ConfigurationException(setting, $"there is no file '{path}'.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e)
        {
            throw new ConfigurationException(setting, $"'{path}' does not open as a PKCS#12 (.pfx) certificate with the password given (wrong password, or not a .pfx): {e.Message}");
        }

        // Keys are encrypted with XML encryption, which wraps them with the certificate's RSA key.
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw new ConfigurationException(setting, $"'{path}' holds no RSA private key; the key ring needs one to encrypt and read its keys.");
        }

        return certificate;
    }
}

/// <summary>A certificate file of <see cref="KeyRingOptions.PreviousCertificates"/>.</summary>
public sealed class KeyRingCertificate
{
    public string? Path { get; set; }

    public string? Password { get; set; }
}
