using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Training;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class TrainingRunsApiTests(MigratedAppFixture fixture)
{
    [Fact]
    public async Task Unknown_run_is_404_problem_details_naming_the_id()
    {
        using var client = fixture.App.CreateClient();
        await SignIn.AsAdminAsync(client);
        var id = Guid.NewGuid();

        using var response = await client.GetAsync(new Uri($"/api/v1/training-runs/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(id.ToString(), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Curve_of_an_unknown_run_is_404_problem_details()
    {
        using var client = fixture.App.CreateClient();
        await SignIn.AsAdminAsync(client);

        using var response = await client.GetAsync(new Uri($"/api/v1/training-runs/{Guid.NewGuid()}/curve", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Curve_points_recorded_before_closed_loop_scores_answer_null_for_it()
    {
        var run = new TrainingRunEntity { Id = Guid.CreateVersion7(), Agent = "dqn", ScenarioName = "paper-mobilenet", Options = "{}", StartedAt = DateTimeOffset.UtcNow, BestScore = 0.9 };
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
            db.TrainingRuns.Add(run);
            db.CurvePoints.Add(new CurvePointEntity { RunId = run.Id, RealInteractions = 0, Score = 0.6 });
            db.CurvePoints.Add(new CurvePointEntity { RunId = run.Id, RealInteractions = 100, Score = 0.9, ClosedLoopScore = 0.8 });
            await db.SaveChangesAsync();
        }

        using var client = fixture.App.CreateClient();
        await SignIn.AsAdminAsync(client);
        using var curve = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/training-runs/{run.Id}/curve", UriKind.Relative)));
        using var listed = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/training-runs/{run.Id}", UriKind.Relative)));

        var points = curve.RootElement.EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, points[0].GetProperty("closedLoopScore").ValueKind);
        Assert.Equal((0.8, 0.9), (points[1].GetProperty("closedLoopScore").GetDouble(), points[1].GetProperty("score").GetDouble()));
        Assert.Equal(JsonValueKind.Null, listed.RootElement.GetProperty("bestClosedLoopScore").ValueKind);
    }

    [Fact]
    public async Task Run_list_is_served_with_the_orchestrator_disabled()
    {
        using var client = fixture.App.CreateClient();
        await SignIn.AsAdminAsync(client);

        var runs = await client.GetFromJsonAsync<List<TrainingRunResponse>>(new Uri("/api/v1/training-runs", UriKind.Relative));

        Assert.NotNull(runs);
    }
}
