using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class VodMediaIndexConfiguration : IEntityTypeConfiguration<VodMediaIndex>
{
    public void Configure(EntityTypeBuilder<VodMediaIndex> builder)
    {
        builder.HasKey(i => i.VodId);
        builder.HasOne<Vod>().WithOne().HasForeignKey<VodMediaIndex>(i => i.VodId).OnDelete(DeleteBehavior.Cascade);
    }
}
