using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EdgeControl.Data.Configurations;

internal sealed class DeviceApiKeyEntityConfiguration : IEntityTypeConfiguration<DeviceApiKeyEntity>
{
    public void Configure(EntityTypeBuilder<DeviceApiKeyEntity> builder)
    {
        builder.ToTable("device_api_keys", t => t.HasCheckConstraint("ck_device_api_keys_key_hash", "octet_length(key_hash) = 32"));

        builder.HasKey(k => k.Id).HasName("pk_device_api_keys");
        builder.Property(k => k.Id).HasColumnName("id");
        builder.Property(k => k.NodeId).HasColumnName("node_id");
        builder.Property(k => k.KeyHash).HasColumnName("key_hash");
        builder.Property(k => k.KeyPrefix).HasColumnName("key_prefix").HasMaxLength(8);
        builder.Property(k => k.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
        builder.Property(k => k.RevokedAt).HasColumnName("revoked_at");

        builder.HasOne<NodeEntity>().WithMany()
            .HasForeignKey(k => k.NodeId)
            .HasConstraintName("fk_device_api_keys_nodes_node_id")
            .OnDelete(DeleteBehavior.Cascade);
        // Every authenticated device request looks its key up by hash.
        builder.HasIndex(k => k.KeyHash).IsUnique().HasDatabaseName("ix_device_api_keys_key_hash");
        builder.HasIndex(k => k.NodeId).HasDatabaseName("ix_device_api_keys_node_id");
    }
}
