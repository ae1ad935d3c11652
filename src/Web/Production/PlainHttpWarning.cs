using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Production;

/// <summary>
/// Warns in Production, once the server listens, when any Host header is accepted (<c>AllowedHosts: *</c>) and the app
/// serves plain HTTP beyond loopback. A warning rather than a refusal: behind a TLS proxy on a private network this is
/// a sound set-up, and only the operator knows which it is.
/// </summary>
internal sealed partial class PlainHttpWarning(
    IServer server,
    IHostApplicationLifetime lifetime,
    IHostEnvironment environment,
    IOptions<HostFilteringOptions> hostFiltering,
    ILogger<PlainHttpWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The addresses are known only after the server has bound them, which is after every hosted service started.
        if (environment.IsProduction())
        {
            lifetime.ApplicationStarted.Register(Check);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check()
    {
        var allowed = hostFiltering.Value.AllowedHosts;
        if (allowed.Count > 0 && !allowed.Contains("*"))
        {
            return;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (addresses.FirstOrDefault(IsPlainHttpBeyondLoopback) is { } exposed)
        {
            LogPlainHttp(logger, exposed);
        }
    }

    private static bool IsPlainHttpBeyondLoopback(string address)
    {
        var binding = BindingAddress.Parse(address);
        if (!string.Equals(binding.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) || binding.IsUnixPipe || binding.IsNamedPipe)
        {
            return false;
        }

        var host = binding.Host.Trim('[', ']');
        var loopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        return !loopback;
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "AllowedHosts is '*' and EdgeControl serves plain HTTP at {Address}, beyond loopback: sign-in cookies and " +
            "device keys cross the network unencrypted and any Host header is answered, so set AllowedHosts to the host " +
            "names clients use and serve HTTPS, or put a TLS proxy in front")]
    private static partial void LogPlainHttp(ILogger logger, string address);
}
