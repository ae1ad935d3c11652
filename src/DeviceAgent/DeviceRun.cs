using EdgeControl.DeviceAgent.Faults;
using EdgeControl.DeviceAgent.Hub;
using EdgeControl.DeviceAgent.Network;
using EdgeControl.DeviceAgent.Offload;
using EdgeControl.DeviceAgent.Options;
using EdgeControl.DeviceAgent.Simulation;
using EdgeControl.DeviceAgent.Stats;
using EdgeControl.DeviceAgent.Storage;

namespace EdgeControl.DeviceAgent;

/// <summary>
/// One device: finds or registers its identity, opens its outbox, connects, hosts the simulated users until Ctrl-C or
/// SIGTERM, and prints progress. It stops on its own only when the server refuses its key.
/// </summary>
internal static class DeviceRun
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    /// <summary>How long a stopping agent waits for the server to acknowledge what it still holds; the rest stays in the outbox.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(AgentOptions options, TextWriter output, CancellationToken stop)
    {
        var directory = options.DataDirectory!;
        AgentDataDirectory.Create(directory);
        string apiKey;
        string? nodeId;
        string? name;
        try
        {
            (apiKey, nodeId, name) = await DeviceIdentity.ResolveAsync(options, directory, output, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }

        // Time-based floor as well as the outbox's own: sequences stay above the previous run's even if its outbox was deleted.
        using var outbox = OutcomeOutbox.Open(directory, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
        var before = outbox.Counters;
        output.WriteLine($"outbox {Path.Combine(directory, OutcomeOutbox.FileName)}: {outbox.Count} outcomes waiting from before; {before.Measured} measured, {before.Acknowledged} acknowledged, {before.Rejected} rejected so far");

        var hosted = options.HostedScenario();
        using var real = options.Real ? new RealDevice(output, options.CpuShare) : null;
        var shaper = options.ShapeUplink is { } uplink ? new UplinkShaper(uplink, hosted.Catalog.Max(v => v.InputBytes), output) : null;
        var users = new SimulatedUsers(hosted, options.Seed, options.Replay, real, shaper, output);
        // Spread by the device's name (the key's when it has none): the same device starts at the same instance every time.
        var servers = new ControlPlanes(options.Servers, name ?? apiKey);
        await using var hub = new DeviceHubClient(
            servers, apiKey, users.ExecuteAsync, new DeviceHubClientOptions { HeartbeatInterval = options.HeartbeatInterval }, output, outbox);
        var stats = options.StatsFile is null ? null : new StatsFile(options.StatsFile, nodeId, hub, real?.Offload.Counters, output);
        using var statsStop = new CancellationTokenSource();
        var writingStats = stats?.RunAsync(statsStop.Token) ?? Task.CompletedTask;
        try
        {
            // Hosting starts at once, connected or not: users measure and count refusals while the server is down,
            // at the start as later, and the outbox holds what they measure until the server is back.
            hub.Start();
            output.WriteLine($"connecting to {DeviceHubClient.HubUrl(servers.Current)}{(servers.Count > 1 ? $" (of {servers.Count} instances: {string.Join(", ", servers.All)})" : "")}; hosting {string.Join(", ", hosted.Users.Select(u => u.Name))} of scenario '{hosted.Name}'{(options.Real ? " with real on-device inference and real offloads to registered workers" : "")}{(shaper is null ? "" : $", the uplink ({options.ShapeUplink}) shaped to the user's network")}{(options.PoisonEvery is { } p ? $", a poison outcome every {p.TotalSeconds:0.###} s" : "")}; Ctrl-C stops");
            await HostUsersAsync(options, users, real?.Offload.Counters, hub, output, stop);
            await DrainAsync(hub);
            var counters = outbox.Counters;
            output.WriteLine($"stopped: {users.Decided} requests decided this run; {counters.Acknowledged} outcomes acknowledged, {counters.Rejected} rejected, {outbox.Count} kept in the outbox for the next start");
            return 0;
        }
        finally
        {
            await statsStop.CancelAsync();
            await writingStats;
            stats?.Write();
        }
    }

    /// <summary>Runs the users (and the poison reporter) until stopped, or until the server refuses the key, which it rethrows.</summary>
    private static async Task HostUsersAsync(
        AgentOptions options, SimulatedUsers users, OffloadCounters? offloads, DeviceHubClient hub, TextWriter output, CancellationToken stop)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var progress = new PeriodicTimer(ProgressEvery);
        var work = Task.WhenAll(
            users.RunAsync(hub, running.Token),
            PrintProgressAsync(progress, users, offloads, hub, output, running.Token),
            options.PoisonEvery is { } every ? new PoisonReporter(hub, options.Scenario!, every, output).RunAsync(running.Token) : Task.CompletedTask);
        if (await Task.WhenAny(work, hub.KeyRefused) == hub.KeyRefused)
        {
            await running.CancelAsync();
            await work;
            await hub.KeyRefused;
        }

        await work;
    }

    private static async Task DrainAsync(DeviceHubClient hub)
    {
        var drained = DateTimeOffset.UtcNow + DrainTimeout;
        while (hub.Outcomes.Count > 0 && DateTimeOffset.UtcNow < drained && !hub.KeyRefused.IsCompleted)
        {
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static async Task PrintProgressAsync(
        PeriodicTimer timer, SimulatedUsers users, OffloadCounters? offloads, DeviceHubClient hub, TextWriter output, CancellationToken stop)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var c = hub.Outcomes.Counters;
                output.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} {users.Decided} requests decided, {c.DecisionsRefused} refused; {c.Acknowledged} outcomes acknowledged, {c.Rejected} rejected, {hub.Outcomes.Count} waiting ({hub.State} to {hub.Server}){(offloads is null ? "" : $"; {offloads}")}");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
