using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EdgeControl.Data.Configurations;

internal sealed class CurvePointEntityConfiguration : IEntityTypeConfiguration<CurvePointEntity>
{
    public void Configure(EntityTypeBuilder<CurvePointEntity> builder)
    {
        builder.ToTable("curve_points");

        builder.HasKey(p => p.Id).HasName("pk_curve_points");
        builder.Property(p => p.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(p => p.RunId).HasColumnName("run_id");
        builder.Property(p => p.RealInteractions).HasColumnName("real_interactions");
        builder.Property(p => p.Score).HasColumnName("score");
        builder.Property(p => p.ClosedLoopScore).HasColumnName("closed_loop_score");
        builder.Property(p => p.WallSeconds).HasColumnName("wall_seconds");
        builder.Property(p => p.CumulativeRegret).HasColumnName("cumulative_regret");
        builder.Property(p => p.Violations).HasColumnName("violations");
        builder.Property(p => p.ModelLoss).HasColumnName("model_loss");

        builder.HasOne<TrainingRunEntity>().WithMany()
            .HasForeignKey(p => p.RunId)
            .HasConstraintName("fk_curve_points_training_runs_run_id")
            .OnDelete(DeleteBehavior.Cascade);
        // One evaluation per step count: a resumed run replaces the points it learns again after its checkpoint.
        builder.HasIndex(p => new { p.RunId, p.RealInteractions }).IsUnique()
            .HasDatabaseName("ix_curve_points_run_id_real_interactions");
    }
}
