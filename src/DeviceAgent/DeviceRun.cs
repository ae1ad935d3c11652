using EdgeControl.DeviceAgent.Hub;
using EdgeControl.DeviceAgent.Inference;
using EdgeControl.DeviceAgent.Options;
using EdgeControl.DeviceAgent.Simulation;

namespace EdgeControl.DeviceAgent;

/// <summary>One device: registers when asked, connects, hosts the simulated users until Ctrl-C, and prints progress.</summary>
internal static class DeviceRun
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    /// <summary>How long a stopping agent waits for the server to acknowledge what it still holds.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(AgentOptions options, TextWriter output, CancellationToken stop)
    {
        var apiKey = options.ApiKey;
        if (options.Register)
        {
            using var http = new HttpClient();
            var name = options.Name ?? $"agent-{SafeHostName()}-{Guid.NewGuid().ToString("N")[..6]}";
            var device = await DeviceRegistrar.RegisterAsync(http, options.Server, options.Token!, name, options.Profile, stop);
            output.WriteLine($"registered device '{device.Name}': id {device.Id}");
            output.WriteLine($"API key (shown once, keep it): {device.ApiKey}");
            apiKey = device.ApiKey;
        }

        using var inference = options.Real ? new OnDeviceInference() : null;
        var users = new SimulatedUsers(options.Scenario!, options.Users, options.Seed, inference, output);
        await using var hub = new DeviceHubClient(
            options.Server, apiKey!, users.ExecuteAsync, new DeviceHubClientOptions { HeartbeatInterval = options.HeartbeatInterval }, output);
        try
        {
            await hub.StartAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }

        output.WriteLine($"connected to {DeviceHubClient.HubUrl(options.Server)}; hosting {options.Users} users of scenario '{options.Scenario!.Name}'{(options.Real ? " with real on-device inference" : "")}; Ctrl-C stops");
        using var progress = new PeriodicTimer(ProgressEvery);
        var printing = PrintProgressAsync(progress, users, hub, output, stop);
        await users.RunAsync(hub, stop);
        await printing;

        var drained = DateTimeOffset.UtcNow + DrainTimeout;
        while (hub.Outcomes.Count > 0 && DateTimeOffset.UtcNow < drained)
        {
            await Task.Delay(100, CancellationToken.None);
        }

        output.WriteLine($"stopped: {users.Decided} requests decided, {hub.Outcomes.Acknowledged} outcomes acknowledged, {hub.Outcomes.Count} not acknowledged");
        return 0;
    }

    private static async Task PrintProgressAsync(PeriodicTimer timer, SimulatedUsers users, DeviceHubClient hub, TextWriter output, CancellationToken stop)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                output.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} {users.Decided} requests decided, {hub.Outcomes.Acknowledged} outcomes acknowledged, {hub.Outcomes.Count} waiting ({hub.State})");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static string SafeHostName() =>
        new([.. Environment.MachineName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(32)]);
}
