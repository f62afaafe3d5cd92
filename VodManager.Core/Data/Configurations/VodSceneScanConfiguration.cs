using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class VodSceneScanConfiguration : IEntityTypeConfiguration<VodSceneScan>
{
    public void Configure(EntityTypeBuilder<VodSceneScan> builder)
    {
        builder.HasOne<Vod>().WithMany().HasForeignKey(s => s.VodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.VodId, s.FromSeconds });
    }
}
