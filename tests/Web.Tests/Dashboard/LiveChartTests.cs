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

        // The current run is the last trace; the baselines of the committed experiment come first.
        const string currentRunPoints = "id => { const d = document.getElementById(id)?.data; return d?.[d.length - 1]?.x?.length ?? 0; }";
        var before = await page.WaitForFunctionAsync($"() => ({currentRunPoints})('learning-chart') >= 1", null, new() { Timeout = 30_000 });
        var count = await page.EvaluateAsync<int>(currentRunPoints, "learning-chart");
        await page.WaitForFunctionAsync($"n => ({currentRunPoints})('learning-chart') > n", count, new() { Timeout = 30_000 });
        var baselines = await page.EvaluateAsync<int>("id => document.getElementById(id).data.length - 1", "learning-chart");

        Assert.NotNull(before);
        Assert.True(baselines >= 3, $"expected the experiment's hl, dqn and qlearning curves, found {baselines} traces besides the run");
        await Screenshots.SaveAsync(page, "learning");
        Assert.Empty(browser.Errors);
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
