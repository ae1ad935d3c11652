using System.Net;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Https;

/// <summary>Stops start-up on a proxy address or network that does not parse, naming the entry.</summary>
internal sealed class ReverseProxyOptionsValidator : IValidateOptions<ReverseProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"ReverseProxy:KnownProxies:{i} '{options.KnownProxies[i]}' is not an IP address (e.g. 10.0.0.5).");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add($"ReverseProxy:KnownNetworks:{i} '{options.KnownNetworks[i]}' is not a network in CIDR notation (e.g. 10.0.0.0/24).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
