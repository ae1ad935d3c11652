using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EdgeControl.Data.Configurations;

internal sealed class WorkerProfileEntityConfiguration : IEntityTypeConfiguration<WorkerProfileEntity>
{
    public void Configure(EntityTypeBuilder<WorkerProfileEntity> builder)
    {
        builder.ToTable("worker_profiles");

        builder.HasKey(p => p.Id).HasName("pk_worker_profiles");
        builder.Property(p => p.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(p => p.NodeId).HasColumnName("node_id");
        builder.Property(p => p.ReportedAt).HasColumnName("reported_at");
        builder.Property(p => p.Profile).HasColumnName("profile").HasColumnType("jsonb");

        // A worker's history goes with it: it describes no other node.
        builder.HasOne<NodeEntity>().WithMany()
            .HasForeignKey(p => p.NodeId)
            .HasConstraintName("fk_worker_profiles_nodes_node_id")
            .OnDelete(DeleteBehavior.Cascade);
        // The profile in force at an instant: a node's latest report at or before it.
        builder.HasIndex(p => new { p.NodeId, p.ReportedAt }).HasDatabaseName("ix_worker_profiles_node_id_reported_at");
    }
}
