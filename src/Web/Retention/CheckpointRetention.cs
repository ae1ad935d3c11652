using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Retention;

/// <summary>
/// Keeps, per run, the latest <c>Orchestrator:CheckpointsKept</c> checkpoints plus its best-scoring one and deletes
/// the rest. A checkpoint's score is that of the run's latest evaluation at or before it (evaluations and
/// checkpoints need not fall on the same step): its closed-loop score, what the policy does on the system it runs on
/// (a policy that herds requests onto one server can score high open loop); the open-loop score only breaks ties and
/// ranks what was evaluated before closed-loop scores were measured. Run after every stored checkpoint, so a run with a short
/// <c>CheckpointEvery</c> never grows the database, and by the retention sweep for runs of older versions.
/// </summary>
internal static class CheckpointRetention
{
    public static Task<int> PruneAsync(EdgeControlDbContext db, Guid? runId, int kept, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM checkpoints WHERE id IN (
                SELECT id FROM (
                    SELECT c.id,
                        row_number() OVER (PARTITION BY c.run_id ORDER BY c.real_interactions DESC, c.id DESC) AS recency,
                        row_number() OVER (PARTITION BY c.run_id ORDER BY scored.closed_loop_score DESC NULLS LAST, scored.score DESC NULLS LAST, c.real_interactions DESC, c.id DESC) AS rank
                    FROM checkpoints c
                    LEFT JOIN LATERAL (
                        SELECT p.closed_loop_score, p.score FROM curve_points p
                        WHERE p.run_id = c.run_id AND p.real_interactions <= c.real_interactions
                        ORDER BY p.real_interactions DESC LIMIT 1
                    ) scored ON true
                    WHERE {runId}::uuid IS NULL OR c.run_id = {runId}::uuid
                ) ranked
                WHERE recency > {kept} AND rank > 1)
            """,
            cancellationToken);
}
