using EdgeControl.Core.Domain;
using EdgeControl.DeviceAgent.Simulation;

namespace EdgeControl.DeviceAgent.Options;

/// <summary>What the agent was asked to do, parsed and checked by <see cref="AgentCommand"/>.</summary>
internal sealed record AgentOptions
{
    /// <summary>The control plane, or several instances of it (<c>--server A,B</c>): see <c>ControlPlanes</c>.</summary>
    public required IReadOnlyList<Uri> Servers { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>Register first (with <see cref="Token"/>) and use the new key.</summary>
    public bool Register { get; init; }

    public string? Token { get; init; }

    public string? Name { get; init; }

    public string Profile { get; init; } = "rpi4";

    /// <summary>The scenario's first <see cref="Users"/> users are hosted on this device, unless <see cref="UserNames"/> names them.</summary>
    public int Users { get; init; } = 1;

    /// <summary>Exactly these users of the scenario are hosted on this device (<c>--users-named</c>), or null for the first <see cref="Users"/>.</summary>
    public IReadOnlyList<string>? UserNames { get; init; }

    /// <summary>The interface whose egress is shaped to the one hosted user's uplink (<c>--shape-uplink</c>), or null.</summary>
    public string? ShapeUplink { get; init; }

    public Scenario? Scenario { get; init; }

    public string? ScenarioPath { get; init; }

    /// <summary>Run on-device placements as real TorchSharp inference and report the measured time.</summary>
    public bool Real { get; init; }

    /// <summary>With <see cref="Real"/>: on-device passes as on this share of this machine's core (a slower board); 1 for this core.</summary>
    public double CpuShare { get; init; } = 1;

    public long Seed { get; init; } = 1;

    /// <summary>When the hosted users' trace starts over (<c>--replay-from</c>, <c>--replay-every</c>), or null.</summary>
    public TraceReplay? Replay { get; init; }

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The agent's state: the outbox, and the identity of a device that registered itself (see <c>AgentDataDirectory</c>).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Where the agent writes its counters as JSON every second and on exit, or null.</summary>
    public string? StatsFile { get; init; }

    /// <summary>Fault tests: report one poison outcome (request id with U+0000) this often; null for none.</summary>
    public TimeSpan? PoisonEvery { get; init; }

    /// <summary>Outbox benchmark: write, read and acknowledge this many outcomes and print the cost of each; null when not benchmarking.</summary>
    public int? BenchOutbox { get; init; }

    /// <summary>Hub benchmark: this many devices, one connection each; null when not benchmarking.</summary>
    public int? BenchDevices { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Hub benchmark: how long the devices run before the measured <see cref="Duration"/>.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Hub benchmark: how long the devices' load goes on after the measured window, not measured.</summary>
    public TimeSpan Hold { get; init; }

    /// <summary>Hub benchmark: where to write the measured round-trip times (ms, one a line), or null.</summary>
    public string? LatenciesFile { get; init; }

    /// <summary>Requests per second each benchmark device sends.</summary>
    public double Rate { get; init; } = 1;

    /// <summary>Where the benchmark keeps its devices' keys, to reuse them in the next run.</summary>
    public string? KeysFile { get; init; }

    /// <summary>The scenario with only the users this device hosts, in the scenario's order.</summary>
    public Scenario HostedScenario()
    {
        var scenario = Scenario ?? throw new InvalidOperationException("no scenario to host users of");
        return scenario with
        {
            Users = UserNames is { } names ? [.. scenario.Users.Where(u => names.Contains(u.Name))] : [.. scenario.Users.Take(Users)],
        };
    }
}
