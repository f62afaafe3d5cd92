using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class HighlightActivityConfiguration : IEntityTypeConfiguration<HighlightActivity>
{
    public void Configure(EntityTypeBuilder<HighlightActivity> builder)
    {
        builder.Property(a => a.Action).HasMaxLength(40);
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.HasOne<Highlight>().WithMany(h => h.Activity).HasForeignKey(a => a.HighlightId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.HighlightId, a.At });
    }
}
