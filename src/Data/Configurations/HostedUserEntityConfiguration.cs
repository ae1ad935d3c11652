using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EdgeControl.Data.Configurations;

internal sealed class HostedUserEntityConfiguration : IEntityTypeConfiguration<HostedUserEntity>
{
    public void Configure(EntityTypeBuilder<HostedUserEntity> builder)
    {
        builder.ToTable("users");

        builder.HasKey(u => u.Id).HasName("pk_users");
        builder.Property(u => u.Id).HasColumnName("id");
        // The decision log stores the user's name: the same limit, so every hosted user can be logged.
        builder.Property(u => u.Name).HasColumnName("name").HasMaxLength(DecisionLogEntity.MaxUserNameLength);
        builder.Property(u => u.DeviceNodeId).HasColumnName("device_node_id");
        builder.Property(u => u.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");

        // Restrict: deleting a device must not silently delete the users (and their history) on it.
        builder.HasOne(u => u.DeviceNode).WithMany()
            .HasForeignKey(u => u.DeviceNodeId)
            .HasConstraintName("fk_users_nodes_device_node_id")
            .OnDelete(DeleteBehavior.Restrict);
        // A device hosts a user once; the same name may live on several devices (each speaks for its own).
        builder.HasIndex(u => new { u.DeviceNodeId, u.Name }).IsUnique().HasDatabaseName("ix_users_device_node_id_name");
    }
}
