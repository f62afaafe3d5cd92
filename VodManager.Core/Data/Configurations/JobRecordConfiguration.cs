using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data.Configurations;

internal sealed class JobRecordConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> builder)
    {
        builder.ToTable("Jobs");
        builder.Property(j => j.Kind).HasMaxLength(40);
        builder.Property(j => j.Title).HasMaxLength(300);
        builder.Property(j => j.Stage).HasMaxLength(100);
        builder.Property(j => j.Message).HasMaxLength(1000);
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.Property(j => j.RequestedBy).HasMaxLength(200);
        builder.Property(j => j.NodeId).HasMaxLength(32);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Account>().WithMany().HasForeignKey(j => j.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(j => new { j.AccountId, j.Status });

        // The job lists read the newest jobs of an account (every page's jobs drawer) and of a stream (its page).
        builder.HasIndex(j => new { j.AccountId, j.CreatedAt });
        builder.HasIndex(j => new { j.StreamId, j.CreatedAt });

        // A node follows the jobs it cannot hear live by reading the recent ones every poll (JobTableProgress):
        // unfinished ones by when they were made, finished ones by when they ended.
        builder.HasIndex(j => new { j.FinishedAt, j.CreatedAt });
    }
}
