using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

/// <summary>
/// The app on real Kestrel with its own database and the orchestrator learning on the twin (DQN at a fast pace,
/// so charts move within seconds), and Debian's Chromium driven by Playwright. One of each for all dashboard tests.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>Chromium's arguments for every browser test (also the published build's, see PublishedDashboardTests).</summary>
    internal static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private string _connectionString = string.Empty;
    private IPlaywright? _playwright;

    public EdgeControlAppFactory App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync();
        App = new EdgeControlAppFactory(_connectionString, settings: new Dictionary<string, string?>
        {
            ["Orchestrator:Enabled"] = "true",
            // DQN rather than HL: HL refits its model on early steps (up to ~100 ms each); the dashboard is the same.
            ["Orchestrator:Agent"] = "dqn",
            ["Orchestrator:StepsPerSecond"] = "50",
            ["Orchestrator:EvaluateEvery"] = "20",
            ["Orchestrator:CheckpointEvery"] = "500",
            // Smaller than the default 4 x (500 + 2000), as in FastTraining: an evaluation every 0.4 s at this pace.
            ["Orchestrator:ClosedLoop:Seeds"] = "2",
            ["Orchestrator:ClosedLoop:WarmUpRequests"] = "100",
            ["Orchestrator:ClosedLoop:RequestsPerSeed"] = "400",
            // Workers register as they really do (with the token) and, as in HubAppFixture, miss heartbeats within
            // 1.2 s, so the pages can be watched following a worker going offline.
            ["Devices:RegistrationToken"] = DeviceRegistration.Token,
            ["DeviceHub:HeartbeatInterval"] = HubAppFixture.HeartbeatInterval.ToString(),
            ["DeviceHub:MissedHeartbeats"] = HubAppFixture.MissedHeartbeats.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));

        // A Blazor Server page renders over its circuit: on a loaded CI machine that can take longer than Playwright's
        // default 5 s, which made assertions about what the page shows fail for the machine's sake.
        Assertions.SetDefaultExpectTimeout((float)Eventually.Patience.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh page signed in as the first admin (through the accounts API; the sign-in form has its own test).</summary>
    public async Task<BrowserPage> NewAdminPageAsync()
    {
        var browser = await NewPageAsync();
        var response = await browser.Page.APIRequest.PostAsync("/api/v1/accounts/sign-in", new()
        {
            DataObject = new { userName = SignIn.AdminUserName, password = SignIn.AdminPassword },
        });
        Assert.Equal(200, response.Status);
        return browser;
    }

    /// <summary>A fresh browser page in its own context, signed out, recording console errors.</summary>
    public async Task<BrowserPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        var page = new BrowserPage(context, await context.NewPageAsync());
        page.RecordErrors();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (_connectionString.Length > 0)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }
}
