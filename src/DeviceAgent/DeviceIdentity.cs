using EdgeControl.DeviceAgent.Hub;
using EdgeControl.DeviceAgent.Options;
using EdgeControl.DeviceAgent.Storage;

namespace EdgeControl.DeviceAgent;

/// <summary>
/// Which device this agent is: the one stored in its data directory when it registered itself before, else a new
/// registration (kept there), else the device of <c>--api-key</c>. Registration is retried while the server is
/// unreachable or overloaded, so an agent started before its server does not die.
/// </summary>
internal static class DeviceIdentity
{
    /// <summary>The key to connect with, and the node id and name when known (null for a bare --api-key).</summary>
    public static async Task<(string ApiKey, string? NodeId, string? Name)> ResolveAsync(AgentOptions options, string directory, TextWriter output, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stored = DeviceIdentityFile.Load(directory);
        if (!options.Register)
        {
            if (stored is not null && stored.ApiKey != options.ApiKey)
            {
                throw new DeviceAgentException($"The data directory {directory} belongs to device '{stored.Name}' ({stored.Id}) and its outbox holds that device's outcomes: give this key its own --data directory.");
            }

            return (options.ApiKey!, stored?.Id.ToString(), stored?.Name ?? options.Name);
        }

        if (stored is not null)
        {
            output.WriteLine($"device '{stored.Name}' (id {stored.Id}) from {Path.Combine(directory, DeviceIdentityFile.FileName)}: not registering again");
            return (stored.ApiKey, stored.Id.ToString(), stored.Name);
        }

        var name = options.Name ?? $"agent-{SafeHostName()}-{Guid.NewGuid().ToString("N")[..6]}";
        var device = await RegisterAsync(options, name, output, stop);
        DeviceIdentityFile.Save(directory, device);
        output.WriteLine($"registered device '{device.Name}': id {device.Id}");
        output.WriteLine($"API key (shown once, kept in {Path.Combine(directory, DeviceIdentityFile.FileName)}): {device.ApiKey}");
        return (device.ApiKey, device.Id.ToString(), device.Name);
    }

    private static async Task<RegisteredDevice> RegisterAsync(AgentOptions options, string name, TextWriter output, CancellationToken stop)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var backoff = new BackoffRetryPolicy(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        var log = new ChangeLog(output);
        // The users this agent hosts (SimulatedUsers hosts no others).
        List<string> users = [.. options.HostedScenario().Users.Select(u => u.Name)];
        // The instances in the order the hub client will try them; a failed attempt moves on to the next, and the
        // backoff grows only once every instance has failed.
        var servers = new ControlPlanes(options.Servers, name);
        for (var attempt = 0L; ; attempt++)
        {
            var server = servers.Current;
            try
            {
                return await DeviceRegistrar.RegisterAsync(http, server, options.Token!, name, options.Profile, users, stop);
            }
            catch (Exception error) when (!stop.IsCancellationRequested && error is HttpRequestException or TaskCanceledException)
            {
                log.Note($"cannot register at {server} yet ({HubFaults.Describe(error)}); retrying with backoff");
                servers.MoveNext();
                if ((attempt + 1) % servers.Count == 0)
                {
                    await Task.Delay(backoff.Delay(attempt / servers.Count), stop);
                }
            }
        }
    }

    private static string SafeHostName() =>
        new([.. Environment.MachineName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(32)]);
}
