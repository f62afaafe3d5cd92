using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class VideoUploadConfiguration : IEntityTypeConfiguration<VideoUpload>
{
    public void Configure(EntityTypeBuilder<VideoUpload> builder)
    {
        builder.Property(u => u.StorageKey).HasMaxLength(500);
        builder.Property(u => u.FileName).HasMaxLength(300);
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Account>().WithMany().HasForeignKey(u => u.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<LiveStream>().WithMany().HasForeignKey(u => u.StreamId).OnDelete(DeleteBehavior.NoAction);
        builder.HasMany(u => u.Chunks).WithOne().HasForeignKey(c => c.UploadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(u => u.ExpiresAt);
    }
}
