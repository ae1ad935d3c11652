using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EdgeControl.Data.Configurations;

internal sealed class UserEntityConfiguration : IEntityTypeConfiguration<UserEntity>
{
    public void Configure(EntityTypeBuilder<UserEntity> builder)
    {
        builder.ToTable("users", t =>
        {
            // The reward divides by the SLO and compares accuracy with the requirement: reject values that make it meaningless.
            t.HasCheckConstraint("ck_users_accuracy_requirement", "accuracy_requirement BETWEEN 0 AND 1");
            t.HasCheckConstraint("ck_users_latency_slo_ms", "latency_slo_ms > 0");
            t.HasCheckConstraint("ck_users_energy_weight", "energy_weight >= 0");
        });

        builder.HasKey(u => u.Id).HasName("pk_users");
        builder.Property(u => u.Id).HasColumnName("id");
        builder.Property(u => u.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(u => u.DeviceNodeId).HasColumnName("device_node_id");
        builder.Property(u => u.AccuracyRequirement).HasColumnName("accuracy_requirement");
        builder.Property(u => u.LatencySloMs).HasColumnName("latency_slo_ms");
        builder.Property(u => u.EnergyWeight).HasColumnName("energy_weight");
        builder.Property(u => u.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");

        // Restrict: deleting a device must not silently delete the users (and their history) on it.
        builder.HasOne(u => u.DeviceNode).WithMany()
            .HasForeignKey(u => u.DeviceNodeId)
            .HasConstraintName("fk_users_nodes_device_node_id")
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.DeviceNodeId).HasDatabaseName("ix_users_device_node_id");
    }
}
