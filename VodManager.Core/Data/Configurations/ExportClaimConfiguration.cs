using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class ExportClaimConfiguration : IEntityTypeConfiguration<ExportClaim>
{
    public void Configure(EntityTypeBuilder<ExportClaim> builder)
    {
        builder.Property(c => c.ExternalId).HasMaxLength(200);
        builder.Property(c => c.Token).HasMaxLength(200);
        builder.HasIndex(c => new { c.AccountId, c.ExternalId }).IsUnique(); // one holder per export, across processes
    }
}
