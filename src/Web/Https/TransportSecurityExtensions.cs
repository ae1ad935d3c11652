using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Https;

/// <summary>
/// What HTTPS needs from the app, whether Kestrel terminates TLS itself (a certificate in <c>Kestrel:Endpoints</c>) or a
/// proxy does (<see cref="ReverseProxyOptions"/>): cookies marked Secure whenever the request came over HTTPS, HSTS
/// outside Development, and forwarded headers believed from the configured proxies only. Plain HTTP on loopback
/// (<c>./run.sh</c>, the tests) keeps working unchanged.
/// </summary>
internal static class TransportSecurityExtensions
{
    public static void AddTransportSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<ReverseProxyOptions>, ReverseProxyOptionsValidator>();
        builder.Services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.SectionName).ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default: a local client could then forge its address. Only what is configured.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        // SameAsRequest: Secure over HTTPS, so the cookie never travels in clear text once the site is HTTPS, while
        // plain HTTP on loopback still signs in. Set here rather than next to each cookie's other settings so the
        // HTTPS rules live in one place; PostConfigure wins over the Identity cookie's own Configure.
        builder.Services.PostConfigure<CookieAuthenticationOptions>(
            IdentityConstants.ApplicationScheme, cookie => cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.Configure<AntiforgeryOptions>(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme as the proxy saw them.</summary>
    public static void UseTransportSecurity(this WebApplication app)
    {
        // With no known proxy at all the middleware would believe every sender, so it is left out instead.
        if (app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.Any)
        {
            app.UseForwardedHeaders();
        }

        // As the framework's templates do: a browser remembers HSTS for its max-age (30 days), and a development host
        // name pinned to HTTPS would break every plain-HTTP app a developer runs on it.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
    }
}
