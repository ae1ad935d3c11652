using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Data;

/// <summary>
/// The control plane's one database: the network and its users, device keys, training runs and the decision log,
/// plus the dashboard's sign-in accounts, roles (ASP.NET Core Identity) and sessions on the same connection, and what
/// several instances share: the trainer lease and the Data Protection keys that sign cookies and antiforgery tokens.
/// </summary>
public sealed class EdgeControlDbContext(DbContextOptions<EdgeControlDbContext> options)
    : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<NodeEntity> Nodes => Set<NodeEntity>();

    /// <summary>Every profile the workers reported (a node holds only the latest).</summary>
    public DbSet<WorkerProfileEntity> WorkerProfiles => Set<WorkerProfileEntity>();

    /// <summary>The users each device hosts. (Identity's <c>Users</c> are the dashboard's sign-in accounts.)</summary>
    public DbSet<HostedUserEntity> HostedUsers => Set<HostedUserEntity>();

    public DbSet<DeviceApiKeyEntity> DeviceApiKeys => Set<DeviceApiKeyEntity>();

    public DbSet<TrainingRunEntity> TrainingRuns => Set<TrainingRunEntity>();

    public DbSet<CurvePointEntity> CurvePoints => Set<CurvePointEntity>();

    public DbSet<CheckpointEntity> Checkpoints => Set<CheckpointEntity>();

    public DbSet<DecisionLogEntity> DecisionLog => Set<DecisionLogEntity>();

    /// <summary>Signed-in dashboard sessions (the cookie holds only a session key).</summary>
    public DbSet<AccountSessionEntity> AccountSessions => Set<AccountSessionEntity>();
    public DbSet<DecisionTicketKeyEntity> DecisionTicketKeys => Set<DecisionTicketKeyEntity>();

    /// <summary>Which instance trains (one row).</summary>
    public DbSet<TrainerLeaseEntity> TrainerLease => Set<TrainerLeaseEntity>();

    /// <summary>ASP.NET Core Data Protection's key ring, shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EdgeControlDbContext).Assembly);
    }
}
