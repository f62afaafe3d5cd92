using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class RefinementUsageConfiguration : IEntityTypeConfiguration<RefinementUsage>
{
    public void Configure(EntityTypeBuilder<RefinementUsage> builder)
    {
        builder.HasKey(u => new { u.AccountId, u.Day });
        builder.HasOne<Account>().WithMany().HasForeignKey(u => u.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
