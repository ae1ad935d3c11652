using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Data;

public sealed class EdgeControlDbContext(DbContextOptions<EdgeControlDbContext> options) : DbContext(options)
{
    public DbSet<NodeEntity> Nodes => Set<NodeEntity>();

    public DbSet<UserEntity> Users => Set<UserEntity>();

    public DbSet<DeviceApiKeyEntity> DeviceApiKeys => Set<DeviceApiKeyEntity>();

    public DbSet<TrainingRunEntity> TrainingRuns => Set<TrainingRunEntity>();

    public DbSet<CurvePointEntity> CurvePoints => Set<CurvePointEntity>();

    public DbSet<CheckpointEntity> Checkpoints => Set<CheckpointEntity>();

    public DbSet<DecisionLogEntity> DecisionLog => Set<DecisionLogEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EdgeControlDbContext).Assembly);
    }
}
