using EdgeControl.Agents.Training;
using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Dashboard;

/// <summary>
/// The dashboard's database reads. A Blazor circuit lives for minutes, a DbContext must not: one scope (and
/// context) per query, so concurrent renders never share a context and nothing tracked piles up.
/// </summary>
internal sealed class DashboardQueries(IServiceScopeFactory scopeFactory)
{
    /// <summary>Runs shown for comparison on the Learning page, newest first.</summary>
    public const int RecentRuns = 20;

    /// <summary>Points of a stored curve drawn for comparison (a long run is thinned evenly to this many).</summary>
    public const int MaxCurvePoints = 1000;

    public Task<List<TrainingRunEntity>> RecentRunsAsync(CancellationToken cancellationToken) =>
        QueryAsync(db => db.TrainingRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(RecentRuns).ToListAsync(cancellationToken));

    public Task<TrainingRunEntity?> RunAsync(Guid id, CancellationToken cancellationToken) =>
        QueryAsync(db => db.TrainingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken));

    public async Task<List<CurvePoint>> CurveAsync(Guid runId, CancellationToken cancellationToken)
    {
        var points = await QueryAsync(db => db.CurvePoints.AsNoTracking()
            .Where(p => p.RunId == runId)
            .OrderBy(p => p.RealInteractions)
            .Select(p => new CurvePoint(p.RealInteractions, p.Score, p.WallSeconds, p.CumulativeRegret, p.Violations, p.ModelLoss ?? double.NaN))
            .ToListAsync(cancellationToken));
        if (points.Count <= MaxCurvePoints)
        {
            return points;
        }

        var stride = (double)points.Count / MaxCurvePoints;
        return [.. Enumerable.Range(0, MaxCurvePoints).Select(i => points[(int)(i * stride)]).Append(points[^1])];
    }

    public Task<List<NodeEntity>> NodesAsync(CancellationToken cancellationToken) =>
        QueryAsync(db => db.Nodes.AsNoTracking().OrderBy(n => n.Tier).ThenBy(n => n.Name).ToListAsync(cancellationToken));

    private async Task<T> QueryAsync<T>(Func<EdgeControlDbContext, Task<T>> query)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>());
    }
}
