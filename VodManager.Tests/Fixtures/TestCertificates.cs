using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VodManager.Tests.Fixtures;

/// <summary>Self-signed certificates written as .pfx files, as an operator would mount one for the key ring.</summary>
public static class TestCertificates
{
    public static string RsaPfx(string path, string? password)
    {
        using var rsa = RSA.Create(2048);
        return Write(path, password, new CertificateRequest("CN=VodManager key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public static string EcdsaPfx(string path, string? password)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Write(path, password, new CertificateRequest("CN=VodManager key ring test", ecdsa, HashAlgorithmName.SHA256));
    }

    /// <summary>An RSA certificate without its private key, in a .pfx.</summary>
    public static string PublicOnlyPfx(string path)
    {
        using var rsa = RSA.Create(2048);
        using var full = new CertificateRequest("CN=VodManager key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var publicOnly = X509CertificateLoader.LoadCertificate(full.RawData);
        File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pkcs12));
        return path;
    }

    private static string Write(string path, string? password, CertificateRequest request)
    {
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}
