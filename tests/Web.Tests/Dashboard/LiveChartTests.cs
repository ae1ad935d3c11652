using System.Text.Json;
using EdgeControl.Web.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

[Collection(DashboardDefinition.Name)]
public sealed class LiveChartTests(DashboardFixture fixture)
{
    private const string PointsOfFirstTrace = "id => document.getElementById(id)?.data?.[0]?.x?.length ?? 0";

    /// <summary>The time of the newest point (times are written yyyy-MM-dd HH:mm:ss.fff, so they compare as strings).</summary>
    private const string NewestOfFirstTrace = "id => { const x = document.getElementById(id).data[0].x; return x[x.length - 1]; }";

    [Fact]
    public async Task Latency_chart_of_a_user_gains_points_while_the_twin_runs()
    {
        await using var browser = await fixture.NewAdminPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/users");

        // The chart keeps a user's latest requests only, so once full it gains a point at the end for each it drops.
        await WaitForPointsAsync(page, "latency-chart", 1);
        var newest = await page.EvaluateAsync<string>(NewestOfFirstTrace, "latency-chart");
        await page.WaitForFunctionAsync($"([id, t]) => ({NewestOfFirstTrace})(id) > t", new object[] { "latency-chart", newest }, new() { Timeout = 30_000 });

        Assert.True(await page.EvaluateAsync<int>(PointsOfFirstTrace, "energy-chart") >= 2);
        await Screenshots.SaveAsync(page, "users");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Learning_curve_of_the_current_run_gains_points_while_the_twin_runs()
    {
        await using var browser = await fixture.NewAdminPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/learning");

        // The current run's closed-loop score is the last trace, its open-loop score the one before; the baselines of
        // the committed experiment come first.
        const string currentRunPoints = "id => { const d = document.getElementById(id)?.data; return d?.[d.length - 1]?.x?.length ?? 0; }";
        var before = await page.WaitForFunctionAsync($"() => ({currentRunPoints})('learning-chart') >= 1", null, new() { Timeout = 30_000 });
        var count = await page.EvaluateAsync<int>(currentRunPoints, "learning-chart");
        await page.WaitForFunctionAsync($"n => ({currentRunPoints})('learning-chart') > n", count, new() { Timeout = 30_000 });
        var baselines = await page.EvaluateAsync<int>("id => document.getElementById(id).data.length - 2", "learning-chart");

        Assert.NotNull(before);
        Assert.True(baselines >= 3, $"expected the experiment's hl, dqn and qlearning curves, found {baselines} traces besides the run");
        await Screenshots.SaveAsync(page, "learning");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Learning_chart_draws_the_runs_closed_loop_score_solid_beside_its_open_loop_score()
    {
        await using var browser = await fixture.NewAdminPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/learning");

        var closedLoop = await TraceAsync(page, "closed loop (own trajectories)", atLeast: 2);
        var openLoop = await TraceAsync(page, "open loop (fixed states)", atLeast: 2);
        var runId = fixture.App.Services.GetRequiredService<Orchestrator>().Snapshot.RunId;
        var response = await page.APIRequest.GetAsync($"/api/v1/training-runs/{runId}/curve");
        Assert.Equal(200, response.Status);
        var stored = (await response.JsonAsync())!.Value.EnumerateArray().ToDictionary(p => p.GetProperty("realInteractions").GetInt64());

        Assert.Equal("solid", closedLoop.Dash);
        Assert.NotEqual("solid", openLoop.Dash);
        // Each series draws its own score of the run's points (the newest may not be stored yet when the API is read).
        var drawn = closedLoop.Points.Where(p => stored.ContainsKey(p.X)).ToList();
        Assert.NotEmpty(drawn);
        Assert.All(drawn, p => Assert.Equal(stored[p.X].GetProperty("closedLoopScore").GetDouble(), p.Y, 12));
        Assert.All(openLoop.Points.Where(p => stored.ContainsKey(p.X)), p => Assert.Equal(stored[p.X].GetProperty("score").GetDouble(), p.Y, 12));
        Assert.Empty(browser.Errors);
    }

    /// <summary>The Learning chart's trace named <paramref name="name"/>, once it has <paramref name="atLeast"/> points.</summary>
    private static async Task<(string? Dash, List<(long X, double Y)> Points)> TraceAsync(IPage page, string name, int atLeast)
    {
        const string find = "name => document.getElementById('learning-chart')?.data?.find(t => t.name === name)";
        try
        {
            await page.WaitForFunctionAsync($"([name, n]) => (({find})(name)?.x?.length ?? 0) >= n", new object[] { name, atLeast }, new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            var names = await page.EvaluateAsync<string>("() => JSON.stringify((document.getElementById('learning-chart')?.data ?? []).map(t => [t.name, t.x?.length]))");
            Assert.Fail($"the Learning chart has no trace '{name}' with {atLeast} points; its traces: {names}");
        }

        var trace = await page.EvaluateAsync<JsonElement>($"name => {{ const t = ({find})(name); return {{ dash: t.line?.dash ?? null, x: t.x, y: t.y }}; }}", name);
        var x = trace.GetProperty("x").EnumerateArray().Select(v => v.GetInt64());
        var y = trace.GetProperty("y").EnumerateArray().Select(v => v.GetDouble());
        return (trace.GetProperty("dash").GetString(), [.. x.Zip(y)]);
    }

    private static async Task<int> WaitForPointsAsync(IPage page, string chart, int atLeast)
    {
        try
        {
            await page.WaitForFunctionAsync($"([id, n]) => ({PointsOfFirstTrace})(id) >= n", new object[] { chart, atLeast }, new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            var data = await page.EvaluateAsync<string>("id => JSON.stringify(document.getElementById(id)?.data ?? null).slice(0, 2000)", chart);
            Assert.Fail($"{chart} did not reach {atLeast} points; its data: {data}");
        }

        return await page.EvaluateAsync<int>(PointsOfFirstTrace, chart);
    }
}
