using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class StreamEventConfiguration : IEntityTypeConfiguration<StreamEvent>
{
    public void Configure(EntityTypeBuilder<StreamEvent> builder)
    {
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.HasOne(e => e.Stream).WithMany().HasForeignKey(e => e.StreamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.StreamId, e.ImportId, e.OffsetSeconds });
        builder.HasQueryFilter(VodDbContext.CurrentImportFilter, ImportedRows.EventVisible);
    }
}
