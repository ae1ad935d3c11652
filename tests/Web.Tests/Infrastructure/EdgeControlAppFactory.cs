using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// The web app in memory, pointed at <paramref name="connectionString"/> (null: none configured). The orchestrator
/// is off unless <paramref name="settings"/> turn it on, so tests that do not need a learning loop get none.
/// </summary>
public sealed class EdgeControlAppFactory(
    string? connectionString,
    Action<IServiceCollection>? configureServices = null,
    IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Added last, so it overrides the server-level ConnectionStrings__EdgeControl that ./test.sh exports.
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:EdgeControl"] = connectionString ?? string.Empty,
            // One instance without a backplane unless a test asks for Redis (TwoInstancesFixture).
            ["ConnectionStrings:Redis"] = string.Empty,
            ["Orchestrator:Enabled"] = "false",
            ["Accounts:AdminPassword"] = SignIn.AdminPassword,
            // Tests sign in far more often than people do; the throttle's own tests set the real limits.
            ["Accounts:SignInsPerMinutePerClient"] = "10000",
            ["Accounts:SignInsPerMinutePerName"] = "10000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(values));
        // The app decides at registration whether SignalR goes through Redis, before the configuration above is
        // applied; a host setting is seen by then.
        builder.UseSetting("ConnectionStrings:Redis", values["ConnectionStrings:Redis"]);

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    /// <summary>
    /// Starts the app on real Kestrel on a free loopback port, for clients that need real sockets (hubs, proxies cut
    /// in between, aborted requests), and returns its address. <paramref name="limits"/> adjusts Kestrel's limits.
    /// </summary>
    public Uri ServeOnLoopback(Action<KestrelServerLimits>? limits = null)
    {
        this.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            limits?.Invoke(kestrel.Limits);
        });
        StartServer(); // returns after the server listens and the start-up callbacks ran
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
