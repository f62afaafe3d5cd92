using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.Property(m => m.AuthorId).HasMaxLength(64);
        builder.Property(m => m.AuthorName).HasMaxLength(100);
        builder.HasOne(m => m.Stream).WithMany().HasForeignKey(m => m.StreamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.StreamId, m.ImportId, m.OffsetSeconds });
        builder.HasQueryFilter(VodDbContext.CurrentImportFilter, ImportedRows.ChatVisible);
    }
}
