using EdgeControl.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Training;

internal static class TrainingRunsApi
{
    public static IEndpointRouteBuilder MapTrainingRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/training-runs").WithTags("Training runs");
        api.MapGet("/", ListRunsAsync).WithSummary("List training runs, newest first");
        api.MapGet("/{id:guid}", GetRunAsync).WithSummary("Get one training run").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/curve", GetCurveAsync).WithSummary("Get a training run's learning curve").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<List<TrainingRunResponse>>> ListRunsAsync(EdgeControlDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.TrainingRuns
            .OrderByDescending(r => r.StartedAt)
            .Select(r => new TrainingRunResponse(r.Id, r.Agent, r.ScenarioName, r.Status, r.StartedAt, r.EndedAt, r.RealInteractions, r.BestScore))
            .ToListAsync(cancellationToken));

    private static async Task<Results<Ok<TrainingRunResponse>, ProblemHttpResult>> GetRunAsync(
        Guid id, EdgeControlDbContext db, CancellationToken cancellationToken)
    {
        var run = await db.TrainingRuns
            .Where(r => r.Id == id)
            .Select(r => new TrainingRunResponse(r.Id, r.Agent, r.ScenarioName, r.Status, r.StartedAt, r.EndedAt, r.RealInteractions, r.BestScore))
            .SingleOrDefaultAsync(cancellationToken);
        return run is null ? NotFound(id) : TypedResults.Ok(run);
    }

    private static async Task<Results<Ok<List<CurvePointResponse>>, ProblemHttpResult>> GetCurveAsync(
        Guid id, EdgeControlDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.TrainingRuns.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        return TypedResults.Ok(await db.CurvePoints
            .Where(p => p.RunId == id)
            .OrderBy(p => p.RealInteractions)
            .Select(p => new CurvePointResponse(p.RealInteractions, p.Score, p.WallSeconds, p.CumulativeRegret, p.Violations, p.ModelLoss))
            .ToListAsync(cancellationToken));
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        title: "Training run not found",
        detail: $"There is no training run with id '{id}'.",
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["id"] = id });
}
