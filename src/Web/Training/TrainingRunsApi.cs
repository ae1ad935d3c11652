using System.Linq.Expressions;
using EdgeControl.Data;
using EdgeControl.Web.Accounts;
using EdgeControl.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using EdgeControl.Web.ApiReference;

namespace EdgeControl.Web.Training;

internal static class TrainingRunsApi
{
    private const string NoSuchRun = "There is no training run with this id.";

    /// <summary>For queries (EF Core selects the columns); <see cref="RunResponseOf"/> is the same for a loaded run.</summary>
    private static readonly Expression<Func<TrainingRunEntity, TrainingRunResponse>> RunResponse = r =>
        new TrainingRunResponse(r.Id, r.Agent, r.ScenarioName, r.Status, r.StartedAt, r.EndedAt, r.RealInteractions, r.BestClosedLoopScore, r.BestScore);

    private static readonly Func<TrainingRunEntity, TrainingRunResponse> RunResponseOf = RunResponse.Compile();

    public static IEndpointRouteBuilder MapTrainingRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/training-runs").WithTags(ApiTags.TrainingRuns);
        api.MapGet("/", ListRunsAsync).WithName("listTrainingRuns").WithSummary("List training runs, newest first")
            .RequireAuthorization(Policies.Operator);
        api.MapGet("/{id:guid}", GetRunAsync).WithName("getTrainingRun").WithSummary("Get one training run")
            .Refuses(StatusCodes.Status404NotFound, NoSuchRun).RequireAuthorization(Policies.Operator);
        api.MapGet("/{id:guid}/curve", GetCurveAsync).WithName("getTrainingRunCurve").WithSummary("Get a training run's learning curve")
            .Refuses(StatusCodes.Status404NotFound, NoSuchRun).RequireAuthorization(Policies.Operator);
        api.MapPost("/", StartAsync).WithName("startTrainingRun").Accepts<StartTrainingRunRequest>("application/json")
            .WithSummary("Start a training run (Admin): stops the current one; fresh, or warm from the latest checkpoint of the same learner and scenario or of a named run")
            .RequireAuthorization(Policies.Admin);
        api.MapPost("/{id:guid}/stop", StopAsync).WithName("stopTrainingRun").WithSummary("Stop a training run (Admin)")
            .Refuses(StatusCodes.Status404NotFound, NoSuchRun)
            .Refuses(StatusCodes.Status409Conflict, "The training run has already ended.").RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<Results<Created<TrainingRunResponse>, ValidationProblem, ProblemHttpResult>> StartAsync(
        HttpRequest request, Orchestrator orchestrator, TrainingRunStore store, ScenarioCatalog scenarios, CancellationToken cancellationToken)
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

        var warmStart = body!.WarmStartFrom is { } from ? new WarmStart(from) : body.WarmStart == true ? WarmStart.Latest : null;
        if (warmStart?.FromRun is { } source && await store.WarmStartRefusalAsync(source, settings!.Agent, scenario!.Name, cancellationToken) is { } refusal)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["warmStartFrom"] = [refusal] });
        }

        var run = await orchestrator.StartRunAsync(settings!, scenario!, warmStart, cancellationToken);
        return TypedResults.Created($"/api/v1/training-runs/{run.Id}", RunResponseOf(run));
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
        return TypedResults.Ok(RunResponseOf(run));
    }

    private static async Task<Ok<List<TrainingRunResponse>>> ListRunsAsync(EdgeControlDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.TrainingRuns
            .OrderByDescending(r => r.StartedAt)
            .Select(RunResponse)
            .ToListAsync(cancellationToken));

    private static async Task<Results<Ok<TrainingRunResponse>, ProblemHttpResult>> GetRunAsync(
        Guid id, EdgeControlDbContext db, CancellationToken cancellationToken)
    {
        var run = await db.TrainingRuns
            .Where(r => r.Id == id)
            .Select(RunResponse)
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
            .Select(StoredCurvePoints.ToResponse)
            .ToListAsync(cancellationToken));
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        title: "Training run not found",
        detail: $"There is no training run with id '{id}'.",
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["id"] = id });
}
