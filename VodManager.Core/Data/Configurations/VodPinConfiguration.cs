using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class VodPinConfiguration : IEntityTypeConfiguration<VodPin>
{
    public void Configure(EntityTypeBuilder<VodPin> builder)
    {
        builder.Property(p => p.Holder).HasMaxLength(200);
        builder.HasIndex(p => new { p.VodId, p.ExpiresAt });
    }
}
