using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EdgeControl.Data.Configurations;

internal sealed class AccountSessionEntityConfiguration : IEntityTypeConfiguration<AccountSessionEntity>
{
    public void Configure(EntityTypeBuilder<AccountSessionEntity> builder)
    {
        builder.ToTable("account_sessions", t => t.HasCheckConstraint("ck_account_sessions_id", "octet_length(id) = 32"));

        // Every request with a session cookie reads its row by this key.
        builder.HasKey(s => s.Id).HasName("pk_account_sessions");
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.AccountId).HasColumnName("account_id");
        builder.Property(s => s.Ticket).HasColumnName("ticket");
        builder.Property(s => s.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
        builder.Property(s => s.ExpiresAt).HasColumnName("expires_at");

        builder.HasOne<IdentityUser>().WithMany()
            .HasForeignKey(s => s.AccountId)
            .HasConstraintName("fk_account_sessions_dashboard_accounts_account_id")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.AccountId).HasDatabaseName("ix_account_sessions_account_id");
        // The pruning sweep deletes the oldest expired rows first.
        builder.HasIndex(s => s.ExpiresAt).HasDatabaseName("ix_account_sessions_expires_at");
    }
}
