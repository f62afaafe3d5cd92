namespace VodManager.Core.Data.Entities;

/// <summary>
/// The right to render one export (account + export external id), held by one running export in any process (web app
/// or CLI) on the database. The holder renews the lease while it works; a lapsed lease is a dead holder's and is taken over.
/// </summary>
public sealed class ExportClaim
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public required string ExternalId { get; set; }
    public required string Token { get; set; }
    public DateTime ExpiresAt { get; set; }
}
