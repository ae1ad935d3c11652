using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EdgeControl.Data.Configurations;

internal sealed class DecisionLogEntityConfiguration : IEntityTypeConfiguration<DecisionLogEntity>
{
    public void Configure(EntityTypeBuilder<DecisionLogEntity> builder)
    {
        builder.ToTable("decision_log");

        builder.HasKey(d => d.Id).HasName("pk_decision_log");
        builder.Property(d => d.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(d => d.TransactionId).HasColumnName("xact_id").HasColumnType("xid8")
            .HasDefaultValueSql("pg_current_xact_id()").ValueGeneratedOnAdd();
        builder.Property(d => d.NodeId).HasColumnName("node_id");
        builder.Property(d => d.Sequence).HasColumnName("sequence");
        builder.Property(d => d.RequestId).HasColumnName("request_id").HasMaxLength(DecisionLogEntity.MaxRequestIdLength);
        builder.Property(d => d.UserName).HasColumnName("user_name").HasMaxLength(DecisionLogEntity.MaxUserNameLength);
        builder.Property(d => d.Target).HasColumnName("target").HasMaxLength(DecisionLogEntity.MaxTargetLength);
        builder.Property(d => d.Variant).HasColumnName("variant").HasMaxLength(DecisionLogEntity.MaxVariantLength);
        builder.Property(d => d.LatencyMs).HasColumnName("latency_ms");
        builder.Property(d => d.EnergyJ).HasColumnName("energy_j");
        builder.Property(d => d.Accuracy).HasColumnName("accuracy");
        builder.Property(d => d.Reward).HasColumnName("reward");
        builder.Property(d => d.ObservedAt).HasColumnName("observed_at");
        builder.Property(d => d.ReceivedAt).HasColumnName("received_at");
        builder.Property(d => d.Scenario).HasColumnName("scenario").HasMaxLength(DecisionLogEntity.MaxScenarioLength);
        builder.Property(d => d.Action).HasColumnName("action");
        builder.Property(d => d.ActionProbability).HasColumnName("action_probability");
        builder.Property(d => d.ServedBy).HasColumnName("served_by").HasMaxLength(DecisionLogEntity.MaxServedByLength);
        builder.Property(d => d.UplinkMbps).HasColumnName("uplink_mbps");
        builder.Property(d => d.RttEdgeMs).HasColumnName("rtt_edge_ms");
        builder.Property(d => d.RttCloudMs).HasColumnName("rtt_cloud_ms");
        builder.Property(d => d.LocalLoad).HasColumnName("local_load");
        builder.Property(d => d.NetworkCondition).HasColumnName("network_condition").HasMaxLength(DecisionLogEntity.MaxNetworkConditionLength);
        builder.Property(d => d.ServerLoads).HasColumnName("server_loads");

        builder.HasOne<NodeEntity>().WithMany()
            .HasForeignKey(d => d.NodeId)
            .HasConstraintName("fk_decision_log_nodes_node_id")
            .OnDelete(DeleteBehavior.Cascade);
        // Idempotency: the ingest inserts with ON CONFLICT (node_id, sequence) DO NOTHING.
        builder.HasIndex(d => new { d.NodeId, d.Sequence }).IsUnique()
            .HasDatabaseName("ix_decision_log_node_id_sequence");
        // Per-device time ranges (the dashboard, retention by device).
        builder.HasIndex(d => new { d.NodeId, d.ObservedAt })
            .HasDatabaseName("ix_decision_log_node_id_observed_at");
        // Per-user time ranges (the dashboard's per-user charts).
        builder.HasIndex(d => new { d.UserName, d.ObservedAt })
            .HasDatabaseName("ix_decision_log_user_name_observed_at");
        // Followers of the log read by transaction (see DecisionLogEntity.TransactionId).
        builder.HasIndex(d => d.TransactionId)
            .HasDatabaseName("ix_decision_log_xact_id");
        // Retention deletes by age of arrival.
        builder.HasIndex(d => d.ReceivedAt)
            .HasDatabaseName("ix_decision_log_received_at");
    }
}
