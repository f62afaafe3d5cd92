using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class DownloadCheckpointConfiguration : IEntityTypeConfiguration<DownloadCheckpoint>
{
    public void Configure(EntityTypeBuilder<DownloadCheckpoint> builder)
    {
        builder.HasKey(c => new { c.VodId, c.Index });
        builder.HasOne<Vod>().WithMany().HasForeignKey(c => c.VodId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.BlockHashes).HasMaxLength(256 * 32);
    }
}
