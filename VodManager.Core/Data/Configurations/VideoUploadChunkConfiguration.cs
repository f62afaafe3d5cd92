using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class VideoUploadChunkConfiguration : IEntityTypeConfiguration<VideoUploadChunk>
{
    public void Configure(EntityTypeBuilder<VideoUploadChunk> builder)
    {
        builder.HasKey(c => new { c.UploadId, c.Index });
        builder.Property(c => c.BlockHashes).HasMaxLength(256 * 32);
    }
}
