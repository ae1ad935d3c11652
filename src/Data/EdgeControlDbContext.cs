using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Data;

public sealed class EdgeControlDbContext(DbContextOptions<EdgeControlDbContext> options) : DbContext(options)
{
    public DbSet<NodeEntity> Nodes => Set<NodeEntity>();

    public DbSet<UserEntity> Users => Set<UserEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EdgeControlDbContext).Assembly);
    }
}
