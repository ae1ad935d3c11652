using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Cluster;

/// <summary>
/// The fencing check of a run write: inside the write's transaction, the lease still has <paramref name="Holder"/>
/// and <paramref name="Epoch"/>. <c>FOR SHARE</c> holds the row until the transaction ends, so a take-over (an
/// <c>UPDATE</c> of it) waits for the write to commit, and no write of an older epoch commits after a take-over.
/// </summary>
internal sealed record TrainerLeaseFence(string Holder, long Epoch)
{
    /// <summary>True while the lease is still this term's; call it in the transaction of the write it guards.</summary>
    public async Task<bool> HoldsAsync(EdgeControlDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var epochs = await db.Database
            .SqlQuery<long>($"SELECT epoch AS \"Value\" FROM trainer_lease WHERE id = 1 AND holder = {Holder} FOR SHARE")
            .ToListAsync(cancellationToken);
        return epochs is [var epoch] && epoch == Epoch;
    }
}
