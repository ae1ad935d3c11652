namespace EdgeControl.Web.Https;

/// <summary>
/// The TLS-terminating proxies in front of the app (section <c>ReverseProxy</c>). Only a request whose connection comes
/// from one of them has its <c>X-Forwarded-For</c> (client address: rate limits) and <c>X-Forwarded-Proto</c> (https:
/// Secure cookies, HSTS, the Origin check) believed; from anyone else these headers are ignored, since any client can
/// send them. Both empty (the default): no forwarded header is believed at all.
/// </summary>
internal sealed class ReverseProxyOptions
{
    public const string SectionName = "ReverseProxy";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
