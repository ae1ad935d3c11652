using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EdgeControl.Data.Configurations;

internal sealed class DecisionTicketKeyEntityConfiguration : IEntityTypeConfiguration<DecisionTicketKeyEntity>
{
    public void Configure(EntityTypeBuilder<DecisionTicketKeyEntity> builder)
    {
        builder.ToTable("decision_ticket_keys", t =>
        {
            t.HasCheckConstraint("ck_decision_ticket_keys_key", $"octet_length(key) = {DecisionTicketKeyEntity.KeyLength}");
            // One key: instances starting at once race to insert it, and ON CONFLICT leaves the first one's.
            t.HasCheckConstraint("ck_decision_ticket_keys_id", $"id = {DecisionTicketKeyEntity.CurrentId}");
        });

        builder.HasKey(k => k.Id).HasName("pk_decision_ticket_keys");
        builder.Property(k => k.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(k => k.Key).HasColumnName("key");
        builder.Property(k => k.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
    }
}
