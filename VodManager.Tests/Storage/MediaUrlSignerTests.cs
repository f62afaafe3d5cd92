using Microsoft.EntityFrameworkCore;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Storage;

/// <summary>
/// Media URLs signed by one node open on every node of the database and on no other database, for their key only and
/// until they expire; with the key ring's certificate, whoever reads the database without it cannot check (or forge) one.
/// </summary>
public sealed class MediaUrlSignerTests : IDisposable
{
    private const string Key = "accounts/1/clips/highlight-7.mp4";

    private readonly TempFolder _folder = new("media-url");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_url_signed_on_one_node_verifies_on_another_node_of_the_same_database_only()
    {
        var settings = await Postgres.NewDatabaseSettingsAsync();
        await using var a = await CoreHost.StartAsync(settings);
        await using var b = await CoreHost.StartAsync(settings);
        await using var elsewhere = await CoreHost.StartAsync(await Postgres.NewDatabaseSettingsAsync());
        Assert.NotEqual(a.DataFolder, b.DataFolder);

        var sig = Signature(a.Get<MediaUrlSigner>().SignPath(Key, TimeSpan.FromMinutes(5)));

        Assert.True(b.Get<MediaUrlSigner>().Verify(Key, sig));
        Assert.False(b.Get<MediaUrlSigner>().Verify(Key.Replace("7", "8"), sig));
        Assert.False(elsewhere.Get<MediaUrlSigner>().Verify(Key, sig));
    }

    [Fact]
    public async Task A_tampered_missing_or_expired_signature_is_refused()
    {
        await using var node = await CoreHost.StartAsync();
        var signer = node.Get<MediaUrlSigner>();
        var sig = Signature(signer.SignPath(Key, TimeSpan.FromMinutes(5)));
        Assert.True(signer.Verify(Key, sig));

        var flipped = sig[..^2] + (sig[^2] == 'A' ? 'B' : 'A') + sig[^1];
        Assert.False(signer.Verify(Key, flipped));
        Assert.False(signer.Verify(Key, sig[..^4]));
        Assert.False(signer.Verify(Key, "not a token"));
        Assert.False(signer.Verify(Key, null));
        Assert.False(signer.Verify(Key, ""));
        Assert.False(signer.Verify(Key, Signature(signer.SignPath(Key, TimeSpan.FromSeconds(-1)))));
    }

    [Fact]
    [Trait(Speed.Name, Speed.Slow)]
    public async Task With_a_certificate_reading_the_database_is_not_enough_to_check_a_url()
    {
        var database = await Postgres.NewDatabaseSettingsAsync();
        var certificate = TestCertificates.RsaPfx(_folder.File("ring.pfx"), "secret");
        await using var node = await CoreHost.StartAsync(new Dictionary<string, string?>(database)
        {
            ["KeyRing:CertificatePath"] = certificate,
            ["KeyRing:CertificatePassword"] = "secret",
        });
        var sig = Signature(node.Get<MediaUrlSigner>().SignPath(Key, TimeSpan.FromMinutes(5)));

        await using (var db = await node.DbAsync())
        {
            // The signing key is the key ring's, stored encrypted: no table holds it as is.
            var xml = Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            Assert.DoesNotContain("<masterKey", xml);
        }

        // A process reading the same database without the certificate cannot tell a good signature from a bad one.
        await using var reader = await CoreHost.StartAsync(database);
        Assert.False(reader.Get<MediaUrlSigner>().Verify(Key, sig));
        Assert.True(node.Get<MediaUrlSigner>().Verify(Key, sig));
    }

    private static string Signature(string path) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://node"), path).Query)["sig"]!;
}
