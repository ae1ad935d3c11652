using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EdgeControl.Data.Configurations;

internal sealed class TrainingRunEntityConfiguration : IEntityTypeConfiguration<TrainingRunEntity>
{
    public void Configure(EntityTypeBuilder<TrainingRunEntity> builder)
    {
        builder.ToTable("training_runs", t => t.HasCheckConstraint(
            "ck_training_runs_status",
            $"status IN ('{TrainingRunStatuses.Running}', '{TrainingRunStatuses.Completed}', " +
            $"'{TrainingRunStatuses.Stopped}', '{TrainingRunStatuses.Failed}')"));

        builder.HasKey(r => r.Id).HasName("pk_training_runs");
        builder.Property(r => r.Id).HasColumnName("id");
        builder.Property(r => r.Agent).HasColumnName("agent").HasMaxLength(64);
        builder.Property(r => r.ScenarioName).HasColumnName("scenario_name").HasMaxLength(200);
        builder.Property(r => r.Status).HasColumnName("status").HasMaxLength(16)
            .HasDefaultValue(TrainingRunStatuses.Running);
        builder.Property(r => r.StartedAt).HasColumnName("started_at").HasDefaultValueSql("now()");
        builder.Property(r => r.EndedAt).HasColumnName("ended_at");
        builder.Property(r => r.RealInteractions).HasColumnName("real_interactions");
        builder.Property(r => r.BestScore).HasColumnName("best_score");
        builder.Property(r => r.BestClosedLoopScore).HasColumnName("best_closed_loop_score");
        builder.Property(r => r.Options).HasColumnName("options").HasColumnType("jsonb");

        // Start-up looks for the latest running run; the API lists runs newest first.
        builder.HasIndex(r => new { r.Status, r.StartedAt }).HasDatabaseName("ix_training_runs_status_started_at");
    }
}
