using EdgeControl.Data;
using EdgeControl.Web.Accounts;
using EdgeControl.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Training;

internal static class TrainingRunsApi
{
    public static IEndpointRouteBuilder MapTrainingRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/training-runs").WithTags("Training runs");
        api.MapGet("/", ListRunsAsync).WithSummary("List training runs, newest first")
            .RequireAuthorization(Policies.Operator);
        api.MapGet("/{id:guid}", GetRunAsync).WithSummary("Get one training run").ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Operator);
        api.MapGet("/{id:guid}/curve", GetCurveAsync).WithSummary("Get a training run's learning curve").ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Operator);
        api.MapPost("/", StartAsync).Accepts<StartTrainingRunRequest>("application/json")
            .WithSummary("Start a training run (Admin): stops the current one; fresh or warm from the latest checkpoint of the same learner and scenario")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).RequireAuthorization(Policies.Admin);
        api.MapPost("/{id:guid}/stop", StopAsync).WithSummary("Stop a training run (Admin)")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<Results<Created<TrainingRunResponse>, ValidationProblem, ProblemHttpResult>> StartAsync(
        HttpRequest request, Orchestrator orchestrator, ScenarioCatalog scenarios, CancellationToken cancellationToken)
    {
        var (body, invalid, tooLarge) = await StrictJsonBody.ReadAsync<StartTrainingRunRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var (settings, scenario, errors) = RunRequestValidation.Validate(body!, orchestrator.DefaultSettings, scenarios);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var run = await orchestrator.StartRunAsync(settings!, scenario!, body!.WarmStart ?? false, cancellationToken);
        return TypedResults.Created($"/api/v1/training-runs/{run.Id}", ToResponse(run));
    }

    private static async Task<Results<Ok<TrainingRunResponse>, ProblemHttpResult>> StopAsync(
        Guid id, Orchestrator orchestrator, EdgeControlDbContext db, CancellationToken cancellationToken)
    {
        if (!await orchestrator.StopRunAsync(id, cancellationToken))
        {
            var exists = await db.TrainingRuns.AnyAsync(r => r.Id == id, cancellationToken);
            return exists
                ? TypedResults.Problem(
                    title: "Training run not running",
                    detail: $"Training run '{id}' has already ended.",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["id"] = id })
                : NotFound(id);
        }

        var run = await db.TrainingRuns.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        return TypedResults.Ok(ToResponse(run));
    }

    private static TrainingRunResponse ToResponse(TrainingRunEntity r) =>
        new(r.Id, r.Agent, r.ScenarioName, r.Status, r.StartedAt, r.EndedAt, r.RealInteractions, r.BestScore);

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
