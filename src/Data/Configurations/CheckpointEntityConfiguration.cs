using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EdgeControl.Data.Configurations;

internal sealed class CheckpointEntityConfiguration : IEntityTypeConfiguration<CheckpointEntity>
{
    public void Configure(EntityTypeBuilder<CheckpointEntity> builder)
    {
        builder.ToTable("checkpoints");

        builder.HasKey(c => c.Id).HasName("pk_checkpoints");
        builder.Property(c => c.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(c => c.RunId).HasColumnName("run_id");
        builder.Property(c => c.RealInteractions).HasColumnName("real_interactions");
        builder.Property(c => c.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
        builder.Property(c => c.Weights).HasColumnName("weights");
        builder.Property(c => c.CumulativeRegret).HasColumnName("cumulative_regret");
        builder.Property(c => c.Violations).HasColumnName("violations");
        builder.Property(c => c.WallSeconds).HasColumnName("wall_seconds");
        builder.Property(c => c.LogHorizon).HasColumnName("log_horizon").HasColumnType("xid8");

        builder.HasOne<TrainingRunEntity>().WithMany()
            .HasForeignKey(c => c.RunId)
            .HasConstraintName("fk_checkpoints_training_runs_run_id")
            .OnDelete(DeleteBehavior.Cascade);
        // Resuming reads the latest checkpoint of a run.
        builder.HasIndex(c => new { c.RunId, c.RealInteractions }).HasDatabaseName("ix_checkpoints_run_id_real_interactions");
    }
}
