using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Hosting;

/// <summary>
/// The key ring's keys (what signs editors' cookies) encrypted in the shared database with the operator's certificate:
/// every node holding it reads them, a rotated-out certificate still reads the old keys, and a certificate that cannot
/// serve stops start-up naming its setting.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly TempFolder _folder = new("keyring");

    public void Dispose() => _folder.Dispose();

    private static Task<CoreHost> NodeAsync(Dictionary<string, string?> settings) => CoreHost.StartAsync(settings);

    private static IDataProtector Protector(CoreHost node) => node.Get<IDataProtectionProvider>().CreateProtector("key ring test");

    private static Dictionary<string, string?> With(Dictionary<string, string?> database, Dictionary<string, string?> more) =>
        new(database.Concat(more));

    [Fact]
    [Trait(Speed.Name, Speed.Slow)]
    public async Task Keys_are_stored_encrypted_every_node_with_the_certificate_reads_them_and_a_rotation_keeps_the_old_one_readable()
    {
        var database = await Postgres.NewDatabaseSettingsAsync();
        var first = TestCertificates.RsaPfx(_folder.File("first.pfx"), "first secret");
        var second = TestCertificates.RsaPfx(_folder.File("second.pfx"), null);
        var current = With(database, new() { ["KeyRing:CertificatePath"] = first, ["KeyRing:CertificatePassword"] = "first secret" });

        await using var a = await NodeAsync(current);
        var payload = Protector(a).Protect("signed in");
        await using (var db = await a.DbAsync())
        {
            var xml = Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            Assert.Contains("<encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml); // the key's secret is only in its encrypted form
        }

        await using var b = await NodeAsync(current);
        Assert.Equal("signed in", Protector(b).Unprotect(payload));

        // Rotated: new keys go under the second certificate, the first still reads the keys it encrypted.
        await using var rotated = await NodeAsync(With(database, new()
        {
            ["KeyRing:CertificatePath"] = second,
            ["KeyRing:PreviousCertificates:0:Path"] = first,
            ["KeyRing:PreviousCertificates:0:Password"] = "first secret",
        }));
        Assert.Equal("signed in", Protector(rotated).Unprotect(payload));

        // Without the first certificate its keys are unreadable: what it signed no longer opens.
        // (An empty password, as appsettings.json has it, opens a .pfx exported without one.)
        await using var forgotten = await NodeAsync(With(database, new() { ["KeyRing:CertificatePath"] = second, ["KeyRing:CertificatePassword"] = "" }));
        Assert.ThrowsAny<CryptographicException>(() => Protector(forgotten).Unprotect(payload));
    }

    [Fact]
    public async Task Without_a_certificate_keys_are_stored_as_they_are()
    {
        await using var node = await NodeAsync([]);
        Assert.Equal("signed in", Protector(node).Unprotect(Protector(node).Protect("signed in")));
        await using var db = await node.DbAsync();
        Assert.Contains("<masterKey", Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync()));
    }

    [Fact]
    public async Task A_certificate_that_cannot_serve_stops_start_up_naming_its_setting_and_why()
    {
        var rsa = TestCertificates.RsaPfx(_folder.File("ring.pfx"), "right");
        var cases = new (Dictionary<string, string?> Settings, string Expected)[]
        {
            (new() { ["KeyRing:CertificatePath"] = _folder.File("missing.pfx") }, "'KeyRing:CertificatePath': there is no file"),
            (new() { ["KeyRing:CertificatePath"] = rsa, ["KeyRing:CertificatePassword"] = "wrong" }, "'KeyRing:CertificatePath': " + $"'{rsa}' does not open as a PKCS#12 (.pfx) certificate with the password given"),
            (new() { ["KeyRing:CertificatePath"] = TestCertificates.EcdsaPfx(_folder.File("ec.pfx"), null) }, "holds no RSA private key"),
            (new() { ["KeyRing:CertificatePath"] = TestCertificates.PublicOnlyPfx(_folder.File("public.pfx")) }, "holds no RSA private key"),
            (new() { ["KeyRing:CertificatePath"] = rsa, ["KeyRing:CertificatePassword"] = "right", ["KeyRing:PreviousCertificates:0:Path"] = _folder.File("old.pfx") },
                "'KeyRing:PreviousCertificates:0:Path': there is no file"),
            (new() { ["KeyRing:PreviousCertificates:0:Path"] = rsa }, "'KeyRing:PreviousCertificates': earlier certificates are read only beside a current one"),
        };

        foreach (var (settings, expected) in cases)
        {
            var error = await Assert.ThrowsAsync<ConfigurationException>(() => NodeAsync(settings));
            Assert.Contains(expected, error.Message);
        }
    }
}
