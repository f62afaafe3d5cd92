using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class ChannelModelConfiguration : IEntityTypeConfiguration<ChannelModel>
{
    public void Configure(EntityTypeBuilder<ChannelModel> builder)
    {
        builder.Property(m => m.Channel).HasMaxLength(100);
        builder.Property(m => m.RevertedBy).HasMaxLength(200);
        builder.HasOne(m => m.Account).WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.AccountId, m.Channel }).IsUnique();
    }
}
