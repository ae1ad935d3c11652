using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Retention;

/// <summary>
/// Deletes the workers' profile history (<c>worker_profiles</c>) older than the decision log's cutoff, keeping for
/// each node the profile in force at the cutoff (its latest report at or before it). The history is read only
/// to compare logged requests with the profile in force when they were decided, so it is kept exactly as long as the
/// rows it describes: a cap of N rows per node would cut it by the worker's drift instead (at one report per 5 s at
/// most, 1,000 rows are under 90 minutes of a busy worker), and leave requests still in the log without their profile.
/// Run by the decision log's sweep (<see cref="DecisionLogRetention"/>).
/// </summary>
internal static class WorkerProfileRetention
{
    public static Task<int> PruneAsync(EdgeControlDbContext db, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM worker_profiles p
            WHERE p.reported_at < {cutoff}
                AND EXISTS (
                    SELECT 1 FROM worker_profiles later
                    WHERE later.node_id = p.node_id AND later.reported_at <= {cutoff}
                        AND (later.reported_at, later.id) > (p.reported_at, p.id))
            """,
            cancellationToken);
}
