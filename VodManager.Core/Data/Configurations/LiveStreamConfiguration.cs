using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class LiveStreamConfiguration : IEntityTypeConfiguration<LiveStream>
{
    public void Configure(EntityTypeBuilder<LiveStream> builder)
    {
        builder.ToTable("Streams");
        builder.Property(s => s.Channel).HasMaxLength(100);
        builder.Property(s => s.Title).HasMaxLength(300);
        builder.HasOne(s => s.Account).WithMany(a => a.Streams).HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.AccountId, s.StartedAt });
    }
}
