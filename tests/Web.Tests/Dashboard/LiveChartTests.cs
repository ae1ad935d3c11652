using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

[Collection(DashboardDefinition.Name)]
public sealed class LiveChartTests(DashboardFixture fixture)
{
    private const string PointsOfFirstTrace = "id => document.getElementById(id)?.data?.[0]?.x?.length ?? 0";

    [Fact]
    public async Task Latency_chart_of_a_user_gains_points_while_the_twin_runs()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync("/users");

        var before = await WaitForPointsAsync(page, "latency-chart", 1);
        var after = await WaitForPointsAsync(page, "latency-chart", before + 1);

        Assert.True(after > before);
        await Screenshots.SaveAsync(page, "users");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Learning_curve_of_the_current_run_gains_points_while_the_twin_runs()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync("/learning");

        // The current run is the last trace; the baselines of the committed experiment come first.
        const string currentRunPoints = "id => { const d = document.getElementById(id)?.data; return d?.[d.length - 1]?.x?.length ?? 0; }";
        var before = await page.WaitForFunctionAsync($"() => ({currentRunPoints})('learning-chart') >= 1", null, new() { Timeout = 30_000 });
        var count = await page.EvaluateAsync<int>(currentRunPoints, "learning-chart");
        await page.WaitForFunctionAsync($"n => ({currentRunPoints})('learning-chart') > n", count, new() { Timeout = 30_000 });
        var baselines = await page.EvaluateAsync<int>("id => document.getElementById(id).data.length - 1", "learning-chart");

        Assert.NotNull(before);
        Assert.True(baselines >= 3, $"expected the experiment's hl, dqn and qlearning curves, found {baselines} traces besides the run");
        await Screenshots.SaveAsync(page, "learning");
        Assert.Empty(errors);
    }

    private static async Task<int> WaitForPointsAsync(IPage page, string chart, int atLeast)
    {
        await page.WaitForFunctionAsync($"([id, n]) => ({PointsOfFirstTrace})(id) >= n", new object[] { chart, atLeast }, new() { Timeout = 30_000 });
        return await page.EvaluateAsync<int>(PointsOfFirstTrace, chart);
    }
}
