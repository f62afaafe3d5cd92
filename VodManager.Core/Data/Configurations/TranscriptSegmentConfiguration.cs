using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class TranscriptSegmentConfiguration : IEntityTypeConfiguration<TranscriptSegment>
{
    public void Configure(EntityTypeBuilder<TranscriptSegment> builder)
    {
        builder.HasOne(t => t.Stream).WithMany().HasForeignKey(t => t.StreamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.StreamId, t.ImportId, t.StartSeconds });
        builder.HasQueryFilter(VodDbContext.CurrentImportFilter, ImportedRows.CueVisible);
    }
}
