using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// The web app on real Kestrel (loopback, free port; TestServer does not model slow or aborted bodies) with its own
/// database, the shipped scenario and a fresh policy in place (decisions and the hub answer), registrations not rate
/// limited, and its log captured. Kestrel's body-rate grace period is cut from 5 s to
/// <see cref="BodyGracePeriod"/> so a stalled body times out within a test's patience.
/// </summary>
public class RealSocketAppFixture : IAsyncLifetime
{
    /// <summary>Kestrel refuses a grace period of its 1 s heartbeat or less.</summary>
    public static readonly TimeSpan BodyGracePeriod = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private string _connectionString = string.Empty;

    public RealSocketAppFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="settings">Added to this fixture's own settings (and winning over them), for a collection that needs others.</param>
    protected RealSocketAppFixture(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public EdgeControlAppFactory App { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Devices:RegistrationToken"] = DeviceRegistration.Token,
            ["Devices:RegistrationsPerMinute"] = "10000",
            // Its verdict on a request the client aborted is a debug entry; the tests read it.
            ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware"] = "Debug",
        };
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        App = new EdgeControlAppFactory(_connectionString, services => services.AddSingleton<ILoggerProvider>(Logs), settings);
        // Kestrel's default rate (240 B/s); only the grace period before it is enforced is shorter.
        Address = App.ServeOnLoopback(limits => limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: BodyGracePeriod));

        ServedPolicy.Serve(App);
    }

    /// <summary>A client of the real socket with its own cookie jar (sign in once, stay signed in).</summary>
    public HttpClient CreateClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };

    public async Task DisposeAsync()
    {
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
