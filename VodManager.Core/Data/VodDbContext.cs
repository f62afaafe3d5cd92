using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data;

/// <summary>
/// The one model for both providers. Each provider has its own subclass so each keeps its own migrations
/// (<see cref="SqliteVodDbContext"/>, <see cref="SqlServerVodDbContext"/>); code depends on this type only.
/// Identity's users live in the same database, so a membership is a foreign key and one transaction covers both; so
/// do the data-protection keys, so a cookie or antiforgery token one node issued is valid on every other.
/// </summary>
public abstract class VodDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>Name of the soft-delete filter on VODs, for the few places (the cutter's retry) that must see trashed rows.</summary>
    public const string SoftDeleteFilter = "SoftDelete";

    /// <summary>Name of the filter that shows only the rows of a stream's current imports (<see cref="ImportedRows"/>).</summary>
    public const string CurrentImportFilter = "CurrentImport";

    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<AccountMember> AccountMembers => Set<AccountMember>();
    public DbSet<AccountInvitation> AccountInvitations => Set<AccountInvitation>();
    public DbSet<LiveStream> Streams => Set<LiveStream>();
    public DbSet<Vod> Vods => Set<Vod>();
    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();
    public DbSet<StreamEvent> StreamEvents => Set<StreamEvent>();
    public DbSet<TranscriptSegment> TranscriptSegments => Set<TranscriptSegment>();
    public DbSet<Highlight> Highlights => Set<Highlight>();
    public DbSet<RefinementAttempt> RefinementAttempts => Set<RefinementAttempt>();
    public DbSet<HighlightActivity> HighlightActivities => Set<HighlightActivity>();
    public DbSet<JobRecord> Jobs => Set<JobRecord>();
    public DbSet<VodPin> VodPins => Set<VodPin>();
    public DbSet<ExportClaim> ExportClaims => Set<ExportClaim>();
    public DbSet<DataImport> DataImports => Set<DataImport>();
    public DbSet<VodMediaIndex> VodMediaIndexes => Set<VodMediaIndex>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<VideoUpload> VideoUploads => Set<VideoUpload>();
    public DbSet<VideoUploadChunk> VideoUploadChunks => Set<VideoUploadChunk>();
    public DbSet<DownloadCheckpoint> DownloadCheckpoints => Set<DownloadCheckpoint>();
    public DbSet<RefinementUsage> RefinementUsages => Set<RefinementUsage>();
    public DbSet<VodSceneScan> VodSceneScans => Set<VodSceneScan>();
    public DbSet<ChannelModel> ChannelModels => Set<ChannelModel>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ClusterNode> ClusterNodes => Set<ClusterNode>();
    public DbSet<StreamSignalCache> StreamSignalCaches => Set<StreamSignalCache>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VodDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite stores no offset, so say so once here instead of at every read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
