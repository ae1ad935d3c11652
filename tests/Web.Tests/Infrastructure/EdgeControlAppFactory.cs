using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>The web app in memory, pointed at <paramref name="connectionString"/> (null: none configured).</summary>
public sealed class EdgeControlAppFactory(string? connectionString, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Added last, so it overrides the server-level ConnectionStrings__EdgeControl that ./test.sh exports.
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["ConnectionStrings:EdgeControl"] = connectionString ?? string.Empty }));

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }
}
