using System.Net;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests;

/// <summary>Settings that are fine in Development and unsafe in Production: refused at start, or warned about.</summary>
public sealed class ProductionSettingsTests
{
    [Fact]
    public async Task Production_start_stops_with_one_sentence_on_the_development_registration_token()
    {
        await using var app = new EdgeControlAppFactory(
            "Host=127.0.0.1;Database=unused",
            settings: new Dictionary<string, string?> { ["Devices:RegistrationToken"] = "dev-registration-token" });

        var error = Assert.ThrowsAny<Exception>(() => InProduction(app).Server);

        Assert.Equal(
            "Devices:RegistrationToken is the development token 'dev-registration-token', which is published with the source: " +
            "in Production set a secret one (env Devices__RegistrationToken), or leave it empty so that only a signed-in " +
            "admin registers devices.",
            error.Message);
    }

    [Fact]
    public async Task Empty_admin_password_stops_the_first_Production_start_but_not_a_later_one()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        try
        {
            var noPassword = new Dictionary<string, string?> { ["Accounts:AdminPassword"] = string.Empty };
            await using (var first = new EdgeControlAppFactory(connectionString, settings: noPassword))
            {
                var error = Assert.ThrowsAny<Exception>(() => InProduction(first).Server);

                Assert.Equal(
                    "Accounts:AdminPassword is empty and the database has no admin yet: in Production set it for the first " +
                    "start (env Accounts__AdminPassword), since a generated password would only be printed into the log.",
                    error.Message);
            }

            await using (var withPassword = new EdgeControlAppFactory(connectionString))
            {
                _ = InProduction(withPassword).Server; // creates the admin with the configured password
            }

            await using var later = new EdgeControlAppFactory(connectionString, settings: noPassword);
            using var client = InProduction(later).CreateClient();
            using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("edgecontrol.example;localhost", false)]
    public async Task Plain_HTTP_beyond_loopback_is_warned_about_in_Production_while_any_host_is_allowed(string allowedHosts, bool warned)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        var logs = new CapturedLogs();
        try
        {
            await using var app = new EdgeControlAppFactory(
                connectionString,
                services => services.AddSingleton<ILoggerProvider>(logs),
                new Dictionary<string, string?> { ["AllowedHosts"] = allowedHosts });
            var production = InProduction(app);
            production.UseKestrel(kestrel => kestrel.Listen(IPAddress.Any, 0));

            production.StartServer(); // returns after the server listens and the start-up callbacks ran

            var warnings = logs.Since(0).Where(entry => entry.Level == LogLevel.Warning && entry.Message.StartsWith("AllowedHosts is '*'", StringComparison.Ordinal));
            if (warned)
            {
                var warning = Assert.Single(warnings);
                Assert.Matches(@"^AllowedHosts is '\*' and EdgeControl serves plain HTTP at http://0\.0\.0\.0:\d+, beyond loopback: ", warning.Message);
            }
            else
            {
                Assert.Empty(warnings);
            }
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static WebApplicationFactory<Program> InProduction(EdgeControlAppFactory app) =>
        app.WithWebHostBuilder(web => web.UseEnvironment(Environments.Production));
}
