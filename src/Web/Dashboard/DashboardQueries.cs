using EdgeControl.Agents.Training;
using EdgeControl.Data;
using EdgeControl.Web.Resilience;
using EdgeControl.Web.Training;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Dashboard;

/// <summary>
/// The dashboard's database reads. A Blazor circuit lives for minutes, a DbContext must not: one scope (and
/// context) per query, so concurrent renders never share a context and nothing tracked piles up. While the database
/// is away every read answers empty at once (the layout's banner says why), so pages still render, and fast.
/// </summary>
internal sealed class DashboardQueries(IServiceScopeFactory scopeFactory, DatabaseAvailability availability)
{
    /// <summary>Runs shown for comparison on the Learning page, newest first.</summary>
    public const int RecentRuns = 20;

    /// <summary>Points of a stored curve drawn for comparison (a long run is thinned evenly to this many).</summary>
    public const int MaxCurvePoints = 1000;

    public Task<List<TrainingRunEntity>> RecentRunsAsync(CancellationToken cancellationToken) =>
        QueryAsync(db => db.TrainingRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(RecentRuns).ToListAsync(cancellationToken), []);

    public Task<TrainingRunEntity?> RunAsync(Guid id, CancellationToken cancellationToken) =>
        QueryAsync(db => db.TrainingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken), null);

    public async Task<List<CurvePoint>> CurveAsync(Guid runId, CancellationToken cancellationToken)
    {
        var points = await QueryAsync(db => db.CurvePoints.AsNoTracking()
            .Where(p => p.RunId == runId)
            .OrderBy(p => p.RealInteractions)
            .Select(StoredCurvePoints.ToCurvePoint)
            .ToListAsync(cancellationToken), []);
        if (points.Count <= MaxCurvePoints)
        {
            return points;
        }

        var stride = (double)points.Count / MaxCurvePoints;
        return [.. Enumerable.Range(0, MaxCurvePoints).Select(i => points[(int)(i * stride)]).Append(points[^1])];
    }

    public Task<List<NodeEntity>> NodesAsync(CancellationToken cancellationToken) =>
        QueryAsync(db => db.Nodes.AsNoTracking().OrderBy(n => n.Tier).ThenBy(n => n.Name).ToListAsync(cancellationToken), []);

    /// <summary>Edge and cloud nodes with a URL: the registered workers.</summary>
    public Task<List<NodeEntity>> WorkerNodesAsync(CancellationToken cancellationToken) =>
        QueryAsync(db => db.Nodes.AsNoTracking()
            .Where(n => (n.Tier == NodeTiers.Edge || n.Tier == NodeTiers.Cloud) && n.Url != null)
            .OrderBy(n => n.Tier).ThenBy(n => n.Name)
            .ToListAsync(cancellationToken), []);

    private async Task<T> QueryAsync<T>(Func<EdgeControlDbContext, Task<T>> query, T unavailable)
    {
        if (!availability.IsAvailable)
        {
            return unavailable;
        }

        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            return await query(scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>());
        }
        catch (Exception error) when (error is not OperationCanceledException && !DatabaseErrors.IsRowRejected(error))
        {
            availability.ReportFailure("dashboard", error);
            return unavailable;
        }
    }
}
