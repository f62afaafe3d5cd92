using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Refinement;

namespace VodManager.Core.Data.Configurations;

internal sealed class HighlightConfiguration : IEntityTypeConfiguration<Highlight>
{
    public void Configure(EntityTypeBuilder<Highlight> builder)
    {
        builder.ComplexProperty(h => h.Signals);
        builder.Ignore(h => h.EffectiveBounds);
        builder.Ignore(h => h.IsKeptOnRedetect);
        builder.Property(h => h.Explanation).HasMaxLength(1000);
        builder.Property(h => h.RefinementReason).HasMaxLength(1000);
        builder.Property(h => h.ClipError).HasMaxLength(1000);
        builder.Property(h => h.TrimmedBy).HasMaxLength(200);
        builder.Property(h => h.AddedBy).HasMaxLength(200);
        builder.Property(h => h.ClipOverrideBy).HasMaxLength(200);
        builder.Property(h => h.ClipClaimToken).HasMaxLength(64);
        builder.Property(h => h.RefinementStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.ClipStatus).HasConversion<string>().HasMaxLength(16);

        builder.HasOne(h => h.Stream).WithMany(s => s.Highlights).HasForeignKey(h => h.StreamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(h => h.ClipVod).WithMany().HasForeignKey(h => h.ClipVodId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(h => new { h.StreamId, h.Rank });
        builder.HasIndex(h => h.AccountId);
    }
}
