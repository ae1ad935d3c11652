using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EdgeControl.Data.Configurations;

internal sealed class NodeEntityConfiguration : IEntityTypeConfiguration<NodeEntity>
{
    public void Configure(EntityTypeBuilder<NodeEntity> builder)
    {
        builder.ToTable("nodes", t => t.HasCheckConstraint(
            "ck_nodes_tier", $"tier IN ('{NodeTiers.Device}', '{NodeTiers.Edge}', '{NodeTiers.Cloud}')"));

        builder.HasKey(n => n.Id).HasName("pk_nodes");
        builder.Property(n => n.Id).HasColumnName("id");
        builder.Property(n => n.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(n => n.Tier).HasColumnName("tier").HasMaxLength(16);
        builder.Property(n => n.ProfileName).HasColumnName("profile_name").HasMaxLength(200);
        builder.Property(n => n.Status).HasColumnName("status").HasMaxLength(32)
            .HasDefaultValue(NodeStatuses.Unknown);
        builder.Property(n => n.LastHeartbeatAt).HasColumnName("last_heartbeat_at");
        builder.Property(n => n.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
        builder.Property(n => n.Url).HasColumnName("url").HasMaxLength(NodeEntity.MaxUrlLength);
        builder.Property(n => n.TokenKey).HasColumnName("token_key");
        builder.Property(n => n.MeasuredProfile).HasColumnName("measured_profile").HasColumnType("jsonb");
        builder.Property(n => n.ProfiledAt).HasColumnName("profiled_at");

        // Device agents and the REST API address nodes by name, so it must be unambiguous.
        builder.HasIndex(n => n.Name).IsUnique().HasDatabaseName("ix_nodes_name");
    }
}
