using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class VodConfiguration : IEntityTypeConfiguration<Vod>
{
    public void Configure(EntityTypeBuilder<Vod> builder)
    {
        builder.Property(v => v.ExternalId).HasMaxLength(200);
        builder.Property(v => v.Title).HasMaxLength(Vod.MaxTitleLength);
        builder.Property(v => v.StorageKey).HasMaxLength(500);
        builder.Property(v => v.VideoCodec).HasMaxLength(40);
        builder.Property(v => v.AudioCodec).HasMaxLength(40);
        builder.Property(v => v.ContentHash).HasMaxLength(64);
        builder.Property(v => v.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Provenance).HasConversion<string>().HasMaxLength(24);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.CutMode).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.ExportProfile).HasMaxLength(40);
        builder.Property(v => v.ExportFraming).HasMaxLength(16);

        // The idempotency guard: one row per external id per account, soft-deleted rows included.
        builder.HasIndex(v => new { v.AccountId, v.ExternalId }).IsUnique();
        builder.HasIndex(v => v.StorageKey).IsUnique();
        builder.HasIndex(v => v.HighlightId);

        // No foreign key on purpose: a clip's row may be removed outright (a released retry of a soft-deleted clip)
        // while its exports stay; the chain is informational and must never block that release.
        builder.HasIndex(v => v.SourceVodId);

        // Import idempotency: a stream holds the same bytes at most once among its live VODs (pending ones included),
        // even when two imports of one file race. Brackets quote identifiers in both SQL Server and SQLite.
        builder.HasIndex(v => new { v.StreamId, v.ContentHash }).IsUnique().HasFilter("[ContentHash] IS NOT NULL AND [DeletedAt] IS NULL");
        builder.HasIndex(v => new { v.AccountId, v.CreatedAt });

        // SQL Server refuses two cascade paths from Account to Vod; the stream path does not cascade.
        builder.HasOne<Account>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(v => v.Stream).WithMany(s => s.Vods).HasForeignKey(v => v.StreamId).OnDelete(DeleteBehavior.NoAction);

        builder.HasQueryFilter(VodDbContext.SoftDeleteFilter, v => v.DeletedAt == null);
    }
}
