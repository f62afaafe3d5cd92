using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class StreamSignalCacheConfiguration : IEntityTypeConfiguration<StreamSignalCache>
{
    public void Configure(EntityTypeBuilder<StreamSignalCache> builder)
    {
        builder.HasKey(c => c.StreamId);
        builder.Property(c => c.StreamId).ValueGeneratedNever();
        builder.Property(c => c.Stamp).HasMaxLength(400);
        builder.HasOne<LiveStream>().WithOne().HasForeignKey<StreamSignalCache>(c => c.StreamId).OnDelete(DeleteBehavior.Cascade);
    }
}
