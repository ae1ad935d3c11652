using System.CommandLine.Parsing;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;
using static EdgeControl.CommandLine.OptionValueParser;

namespace EdgeControl.Worker.Options;

/// <summary>The worker's value types, parsed from an option's one token; each problem one sentence naming the option.</summary>
internal static class WorkerOptionValues
{
    /// <summary>Node names as the control plane stores them and tokens carry them.</summary>
    public static string? Name(ArgumentResult result) =>
        Token(result) is not { } text ? null
        : text.Length <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? text
        : Error<string>(result, $"must be 1 to 64 letters, digits, '-', '_' or '.', such as edge-1 (got '{text}')");

    /// <summary>The tier's name, edge or cloud: a worker is never a device.</summary>
    public static string? Tier(ArgumentResult result) =>
        Token(result) is not { } text ? null
        : TierNames.TryParse(text, out var tier) && tier != Core.Domain.Tier.Device ? text
        : Error<string>(result, $"must be edge or cloud (got '{text}')");

    /// <summary>Where Kestrel listens: http only (devices send raw inputs; TLS belongs to a proxy in front if wanted), with a port.</summary>
    public static Uri? Listen(ArgumentResult result) =>
        Token(result) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.AbsolutePath == "/" ? uri
        : Error<Uri>(result, $"must be an http:// address and port such as http://0.0.0.0:8100 (got '{text}')");

    /// <summary>
    /// The URL devices use when --url is not given: --listen itself, unless it listens on every address; then this
    /// machine's first non-loopback IPv4 address (the one a device on the LAN reaches), or null when there is none.
    /// </summary>
    public static Uri? DefaultUrl(Uri listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (listen.Host is not ("0.0.0.0" or "[::]" or "*" or "+"))
        {
            return listen;
        }

        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return address is null ? null : new UriBuilder(listen) { Host = address.ToString() }.Uri;
    }
}
