using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class RefinementAttemptConfiguration : IEntityTypeConfiguration<RefinementAttempt>
{
    public void Configure(EntityTypeBuilder<RefinementAttempt> builder)
    {
        builder.Property(r => r.Backend).HasMaxLength(40);
        builder.Property(r => r.Reason).HasMaxLength(2000);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.HasOne<Highlight>().WithMany(h => h.RefinementAttempts).HasForeignKey(r => r.HighlightId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.HighlightId, r.Run, r.Iteration });
    }
}
