using EdgeControl.Protocol;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

[Collection(DashboardDefinition.Name)]
public sealed class WorkerPagesTests(DashboardFixture fixture)
{
    private static readonly LocatorAssertionsToHaveCountOptions Patiently = new() { Timeout = (float)Eventually.Patience.TotalMilliseconds };

    [Fact]
    public async Task A_worker_registering_heartbeating_going_silent_and_revoked_is_followed_by_the_pages_without_a_reload()
    {
        await using var browser = await fixture.NewAdminPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/devices");
        await Assertions.Expect(page.Locator("h2#workers-heading")).ToBeVisibleAsync();
        await using var overviewBrowser = await fixture.NewAdminPageAsync();
        var overview = overviewBrowser.Page;
        await overview.GotoAsync("/");
        var server = overview.Locator("svg.topology g[data-node='edge-1']");
        await Assertions.Expect(server).ToHaveCountAsync(1, Patiently);
        await Assertions.Expect(server.Locator(".worker-line")).ToHaveTextAsync("no worker: simulated");

        // As a worker program does: registered with the token (the scenario's server edge-1 stands for edge-cpu), not
        // yet connected, so offline.
        var registered = await TestWorker.RegisterAsync(fixture.BaseAddress, "edge-1", "edge", "http://127.0.0.1:5101");
        var row = page.Locator("table.workers tr[data-worker='edge-1']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "offline", new() { Timeout = Patiently.Timeout });
        await Assertions.Expect(overview.Locator("svg.topology g.worker-down[data-node='edge-1'][data-worker-status='offline']")).ToHaveCountAsync(1, Patiently);

        // Connected over the real hub, its profile reported and heartbeating with a load.
        await using var worker = await TestWorker.ConnectAsync(fixture.BaseAddress, registered);
        await worker.ReportProfileAsync(new WorkerProfile(12.5, 2, [new VariantTiming("mobilenet_v1_1.0_224", 45.5)]));
        await worker.KeepBeatingAsync(new WorkerLoad(InFlight: 3, Queued: 1, Slots: 2));

        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "online", new() { Timeout = Patiently.Timeout });
        await Assertions.Expect(row.Locator("[data-figure='load']")).ToHaveTextAsync("3 in flight · 1 queued · 2 slots");
        await Assertions.Expect(row.Locator("[data-figure='measured-gmacs']")).ToHaveTextAsync("12.5");
        await Assertions.Expect(row.Locator("[data-figure='published-gmacs']")).ToHaveTextAsync("25.0");
        await Assertions.Expect(overview.Locator("svg.topology g[data-node='edge-1'][data-worker-status='online']")).ToHaveCountAsync(1, Patiently);
        await Assertions.Expect(server.Locator(".worker-line")).ToHaveTextAsync("worker online · 4 held");
        await Screenshots.SaveAsync(page, "devices-workers");

        // Silent (connection still open): offline once it has missed its heartbeats, and its load no longer shown.
        await worker.StopBeatingAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "offline", new() { Timeout = Patiently.Timeout });
        await Assertions.Expect(row.Locator("[data-figure='load']")).ToHaveTextAsync("none (offline)");
        await Assertions.Expect(overview.Locator("svg.topology g.worker-down[data-node='edge-1'][data-worker-status='offline']")).ToHaveCountAsync(1, Patiently);

        // Back, then revoked by an admin: revoked at once (well inside the 1.2 s it would take to miss heartbeats),
        // its connection closed. Its beats stop first, or they would fail on the closed connection.
        await worker.KeepBeatingAsync(new WorkerLoad(InFlight: 0, Queued: 0, Slots: 2));
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "online", new() { Timeout = Patiently.Timeout });
        var closed = new TaskCompletionSource();
        worker.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await worker.StopBeatingAsync();
        using var admin = new HttpClient { BaseAddress = fixture.BaseAddress };
        await SignIn.AsAdminAsync(admin);
        (await DashboardRequest.SendAsync(admin, HttpMethod.Delete, $"{WorkerContract.RegistrationPath}/{registered.Id}")).EnsureSuccessStatusCode();

        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "revoked", new() { Timeout = Patiently.Timeout });
        await closed.Task.WaitAsync(Eventually.Patience);
        await Assertions.Expect(overview.Locator("svg.topology g.worker-down[data-node='edge-1'][data-worker-status='revoked']")).ToHaveCountAsync(1, Patiently);
        Assert.Empty(browser.Errors);
        Assert.Empty(overviewBrowser.Errors);
    }

    [Fact]
    public async Task The_users_page_shows_what_every_placement_of_the_latest_request_was_expected_to_cost()
    {
        await using var browser = await fixture.NewAdminPageAsync();
        var page = browser.Page;

        await page.GotoAsync("/users");

        // The fixture learns with DQN, which has no environment model: the figures are the twin's expectation.
        await Assertions.Expect(page.Locator("[data-what-if-summary]")).ToContainTextAsync("; chose ", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-prediction-source]")).ToHaveAttributeAsync("data-prediction-source", "TwinExpectation");
        await Assertions.Expect(page.Locator("table.what-if tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("table.what-if tr[data-chosen='true']")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "users-what-if");
        Assert.Empty(browser.Errors);
    }
}
