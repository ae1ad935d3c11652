using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EdgeControl.Data.Configurations;

internal sealed class TrainerLeaseEntityConfiguration : IEntityTypeConfiguration<TrainerLeaseEntity>
{
    public void Configure(EntityTypeBuilder<TrainerLeaseEntity> builder)
    {
        builder.ToTable("trainer_lease", table => table.HasCheckConstraint("ck_trainer_lease_singleton", $"id = {TrainerLeaseEntity.SingletonId}"));
        builder.HasKey(l => l.Id).HasName("pk_trainer_lease");
        builder.Property(l => l.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(l => l.Holder).HasColumnName("holder").HasMaxLength(TrainerLeaseEntity.MaxHolderLength);
        builder.Property(l => l.Epoch).HasColumnName("epoch");
        builder.Property(l => l.AcquiredAt).HasColumnName("acquired_at");
        builder.Property(l => l.ExpiresAt).HasColumnName("expires_at");
    }
}
