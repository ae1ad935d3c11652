using System.CommandLine;
using EdgeControl.CommandLine;
using EdgeControl.DeviceAgent.Storage;
using EdgeControl.DeviceAgent.Simulation;

namespace EdgeControl.DeviceAgent.Options;

/// <summary>
/// The agent's command line, declared once: System.CommandLine parses it, generates <c>--help</c> (every option with its
/// default) and suggests the closest option for a misspelt one. Each value is typed and checked as it is parsed
/// (<see cref="OptionValues"/>); which options go together is checked by <see cref="AgentModes"/>.
/// </summary>
internal sealed class AgentCommand : RootCommand
{
    private const string Summary = """
        edgecontrol device agent: connects a device to the control plane's hub, asks for a placement decision for each
        request of its simulated users, executes it and reports the measured outcome.

          --server URL --api-key KEY [--simulate N | --users-named A,B] [--real [--shape-uplink IFACE]] [--data DIR] ...
                                                                                run as a registered device
          --server URL --register --token T [--name NAME] [--profile P] ...     register this device first, then run
          --server URL --bench-devices N --token T [--duration D] [--warm-up D] [--rate R] [--hold D] [--latencies-file F]
                                                                                hub benchmark
          --bench-outbox N [--data DIR]                                         outbox benchmark (no server)

        The agent never stops for a server or connection fault: it keeps measuring, keeps its outcomes and reconnects (with
        several --server URLs, to the next instance when its own is gone; a request whose connection was lost is asked
        again on the next connection, and counts as refused only when no answer came within 10 s).
        Exit codes: 0 stopped by Ctrl-C or SIGTERM (after waiting up to 5 s for acknowledgements); 1 a key the server
        refuses (401: wrong or revoked) or another fault that stops it; 2 a bad command line.
        """;

    private readonly Func<string, string?> _environment;
    private readonly Func<string?> _defaultScenarioPath;

    /// <param name="defaultScenarioPath">Where the scenario is when --scenario is not given (null: nowhere).</param>
    /// <param name="environment">Environment variables, for the default --data directory.</param>
    public AgentCommand(Func<string?> defaultScenarioPath, Func<string, string?> environment)
        : base(Summary)
    {
        _defaultScenarioPath = defaultScenarioPath ?? throw new ArgumentNullException(nameof(defaultScenarioPath));
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        HelpName = "EdgeControl.DeviceAgent";
        Scenario = new("--scenario")
        {
            HelpName = "FILE",
            Description = "scenario file (JSON); the default is the repository's scenarios/paper-mobilenet.json, found above the working or the program's directory",
            CustomParser = LoadedScenario.Parse,
            DefaultValueFactory = result => defaultScenarioPath() is { } path ? LoadedScenario.Load(result, path) : null,
        };
        Simulate = new("--simulate")
        {
            HelpName = "N", Description = "host the scenario's first N users (requests arrive as in the twin)",
            CustomParser = result => OptionValues.Users(result, Scenario), DefaultValueFactory = _ => 1,
        };
        UsersNamed = new("--users-named")
        {
            HelpName = "A,B",
            Description = "host exactly these users of the scenario (comma-separated names, e.g. camera-1,phone-1) instead of the first N of --simulate",
            CustomParser = result => OptionValues.UserNames(result, Scenario),
        };
        foreach (var option in new Option[]
                 {
                     Server, ApiKey, Register, Token, DeviceName, Profile, Scenario, Simulate, UsersNamed, Real, CpuShare, ShapeUplink, Seed, ReplayFrom, ReplayEvery, Heartbeat, Data, Stats, PoisonEvery,
                     BenchDevices, BenchDuration, BenchWarmUp, BenchHold, Rate, KeysFile, LatenciesFile, BenchOutbox,
                 })
        {
            Options.Add(option);
        }

        Validators.Add(AgentModes.Check(this));
    }

    public Option<IReadOnlyList<Uri>?> Server { get; } = new("--server")
    {
        HelpName = "URL[,URL...]",
        Description = "the control plane, e.g. http://127.0.0.1:5000 (required except for --bench-outbox); or several instances of one, "
            + "comma-separated: the device starts at the one a hash of its name picks (so devices spread over them) and moves to the next "
            + "when its instance has not answered for 2 s; registration tries them in the same order",
        CustomParser = OptionValues.Servers,
    };

    public Option<string?> ApiKey { get; } = new("--api-key") { HelpName = "KEY", Description = "this device's API key (shown once at registration)" };

    public Option<bool> Register { get; } = new("--register") { Description = "register this device first (POST /api/v1/devices) and print its id and key" };

    public Option<string?> Token { get; } = new("--token") { HelpName = "T", Description = "the registration token (Devices:RegistrationToken on the server)" };

    public Option<string?> DeviceName { get; } = new("--name")
    {
        HelpName = "NAME", Description = "device name at registration, and the name of its default --data directory; without it: agent-<host>-<random>",
    };

    public Option<string> Profile { get; } = new("--profile") { HelpName = "P", Description = "device profile at registration", DefaultValueFactory = _ => "rpi4" };

    /// <summary>Checked against <see cref="Scenario"/>'s users, so it comes after it in <see cref="Command.Options"/>.</summary>
    public Option<int> Simulate { get; }

    /// <summary>Checked against <see cref="Scenario"/>'s users, so it comes after it in <see cref="Command.Options"/>.</summary>
    public Option<IReadOnlyList<string>?> UsersNamed { get; }

    public Option<LoadedScenario?> Scenario { get; }

    /// <summary>Whether a scenario would be found without --scenario.</summary>
    public bool HasDefaultScenario => _defaultScenarioPath() is not null;

    public Option<bool> Real { get; } = new("--real")
    {
        Description = "run on-device placements as real TorchSharp MobileNetV1 inference, send placements on a server with a registered worker to it "
            + "(POST /v1/infer), report what was measured, and report measured round trips to the workers (GET /v1/ping)",
    };

    public Option<double> CpuShare { get; } = new("--cpu-share")
    {
        HelpName = "S",
        Description = "with --real: run on-device inference as a board S times as fast as one core of this machine (0 < S <= 1): each forward "
            + "pass is followed by a pause of (1/S - 1) times its duration, and the pass is measured with it (S = the board's GMAC/s / this core's)",
        CustomParser = OptionValues.CpuShare, DefaultValueFactory = _ => 1,
    };

    public Option<string?> ShapeUplink { get; } = new("--shape-uplink")
    {
        HelpName = "IFACE",
        Description = "with --real and one hosted user: set IFACE's egress rate to the user's uplink whenever its network condition changes "
            + "(tc qdisc replace dev IFACE root tbf ...; needs root: run the agent in its own network namespace with IFACE its uplink); without it: "
            + "the uplink is not shaped",
        CustomParser = OptionValues.NetworkInterface,
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        HelpName = "S", Description = "seed of the simulated users", CustomParser = r => OptionValueParser.WholeNumber(r, 0, int.MaxValue), DefaultValueFactory = _ => 1,
    };

    public Option<DateTimeOffset?> ReplayFrom { get; } = new("--replay-from")
    {
        HelpName = "TIME",
        Description = "with --replay-every: start the hosted users' requests over from the start of their trace at TIME (UTC, ISO 8601, e.g. "
            + "2026-12-07T03:00:00Z, or Unix seconds) and every --replay-every after it: the same arrivals and network conditions each time, so "
            + "A/B windows aligned with these instants measure every policy on the same requests; without it: the trace runs on",
        CustomParser = OptionValues.Instant,
    };

    public Option<Duration?> ReplayEvery { get; } = new("--replay-every")
    {
        HelpName = "DURATION", Description = "with --replay-from: how often the trace starts over (ms, s or m)", CustomParser = r => OptionValues.Duration(r),
    };

    public Option<Duration> Heartbeat { get; } = new("--heartbeat")
    {
        HelpName = "DURATION", Description = "heartbeat interval, as the server's DeviceHub:HeartbeatInterval (ms, s or m; a bare number is seconds)",
        CustomParser = OptionValues.Duration, DefaultValueFactory = _ => Duration.FromSeconds(5),
    };

    public Option<string?> Data { get; } = new("--data")
    {
        HelpName = "DIR",
        Description = "the agent's state: outbox.db (every measured outcome, on disk before it is sent, until acknowledged; sent again after a "
            + "restart) and, after --register, device.json (id and API key, mode 600: the same --data is the same device on the next start). "
            + "Without it: $XDG_STATE_HOME/edgecontrol/agent-NAME (~/.local/state/... without XDG_STATE_HOME), NAME being --name, else "
            + "key-<fingerprint of the key>, else the host; for --bench-outbox the system's temporary directory",
        CustomParser = OptionValueParser.Directory,
    };

    public Option<string?> Stats { get; } = new("--stats")
    {
        HelpName = "FILE",
        Description = "write the counters as JSON every second and on exit (temporary file + rename): {\"nodeId\", \"measured\", \"acknowledged\", "
            + "\"rejected\", \"pending\", \"decisionsAnswered\", \"decisionsRefused\", \"poisonSent\", \"connected\", \"server\" (the instance it speaks to now)}, cumulative over the --data directory, and this run's \"offloadsAnswered\" and \"offloadsLost\" "
            + "({\"refused\", \"timeout\", \"busy\", \"unauthorized\", \"badRequest\", \"badAnswer\", \"network\"}); "
            + "without it: none",
        CustomParser = OptionValues.FileToWrite,
    };

    public Option<Duration?> PoisonEvery { get; } = new("--poison-every")
    {
        HelpName = "DURATION",
        Description = "for fault tests: also report one outcome per interval whose request id holds U+0000, which the server must reject "
            + "(counted as poisonSent, not measured); without it: none",
        CustomParser = r => OptionValues.Duration(r),
    };

    public Option<int?> BenchDevices { get; } = new("--bench-devices")
    {
        HelpName = "N", Description = "hub benchmark: N devices, one connection each; prints round trips and latency percentiles",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 100_000),
    };

    public Option<Duration> BenchDuration { get; } = new("--duration")
    {
        HelpName = "DURATION", Description = "hub benchmark duration (ms, s or m)", CustomParser = OptionValues.Duration, DefaultValueFactory = _ => Duration.FromSeconds(60),
    };

    public Option<Duration> BenchWarmUp { get; } = new("--warm-up")
    {
        HelpName = "DURATION",
        Description = "hub benchmark: run the devices this long before the measured --duration (printed, not the result), in the same process, so both sides' JIT has compiled the hot paths",
        CustomParser = OptionValues.Duration, DefaultValueFactory = _ => Duration.FromSeconds(5),
    };

    public Option<Duration> BenchHold { get; } = new("--hold")
    {
        HelpName = "DURATION",
        Description = "hub benchmark: keep the devices' load running this long (ms, s or m) after the measured window, not measured, so that "
            + "other benchmark processes whose windows end a little later end theirs under the full load",
        CustomParser = OptionValues.Duration, DefaultValueFactory = _ => Duration.FromSeconds(0),
    };

    public Option<string?> LatenciesFile { get; } = new("--latencies-file")
    {
        HelpName = "FILE", Description = "hub benchmark: also write the measured window's round-trip times (ms, one a line) to FILE, to merge several processes' figures",
    };

    public Option<double> Rate { get; } = new("--rate")
    {
        HelpName = "R", Description = "hub benchmark: requests per second per device", CustomParser = OptionValues.Rate, DefaultValueFactory = _ => 1,
    };

    public Option<string?> KeysFile { get; } = new("--keys-file")
    {
        HelpName = "FILE", Description = "hub benchmark: the devices' keys, reused when present, written after registering; without it: devices register anew",
    };

    public Option<int?> BenchOutbox { get; } = new("--bench-outbox")
    {
        HelpName = "N",
        Description = "outbox benchmark: the cost per outcome of writing and acknowledging N outcomes with synchronous=NORMAL (used) and FULL, "
            + "in a throw-away directory under --data",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 10_000_000),
    };

    /// <summary>Exit code of a command line that does not name a valid run: 2 for a usage error.</summary>
    public const int UsageError = ParseAnswer.UsageError;

    /// <summary>
    /// Answers a command line that asks for no run: writes the help or version (exit code 0), or the errors with the
    /// closest valid option for a misspelt one (<see cref="UsageError"/>). Null when the agent is to run.
    /// </summary>
    public static int? Answer(ParseResult result, TextWriter output, TextWriter error) => ParseAnswer.Of(result, output, error);

    /// <summary>The options to run with, from a parse result without errors.</summary>
    public AgentOptions Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException("the command line has errors: report them (Answer) instead of reading options.");
        }

        if (result.GetValue(BenchOutbox) is { } outboxCount)
        {
            return new AgentOptions
            {
                Servers = [new Uri("http://localhost")],
                BenchOutbox = outboxCount,
                DataDirectory = result.GetValue(Data) ?? Path.GetTempPath(),
            };
        }

        var bench = result.GetValue(BenchDevices);
        var name = result.GetValue(DeviceName);
        var apiKey = result.GetValue(ApiKey);
        var scenario = result.GetValue(Scenario)!;
        return new AgentOptions
        {
            Servers = result.GetValue(Server)!,
            ApiKey = apiKey,
            Register = result.GetValue(Register),
            Token = result.GetValue(Token),
            Name = name,
            Profile = result.GetValue(Profile)!,
            Users = result.GetValue(Simulate),
            UserNames = result.GetValue(UsersNamed),
            ShapeUplink = result.GetValue(ShapeUplink),
            Scenario = scenario.Scenario,
            ScenarioPath = scenario.Path,
            Real = result.GetValue(Real),
            CpuShare = result.GetValue(CpuShare),
            Seed = result.GetValue(Seed),
            Replay = result.GetValue(ReplayFrom) is { } from && result.GetValue(ReplayEvery) is { } every ? new TraceReplay(from, every.Value) : null,
            HeartbeatInterval = result.GetValue(Heartbeat).Value,
            BenchDevices = bench,
            Duration = result.GetValue(BenchDuration).Value,
            WarmUp = result.GetValue(BenchWarmUp).Value,
            Hold = result.GetValue(BenchHold).Value,
            LatenciesFile = result.GetValue(LatenciesFile),
            Rate = result.GetValue(Rate),
            KeysFile = result.GetValue(KeysFile),
            DataDirectory = bench is null ? result.GetValue(Data) ?? Path.GetFullPath(AgentDataDirectory.Default(name, apiKey, _environment)) : null,
            StatsFile = result.GetValue(Stats),
            PoisonEvery = result.GetValue(PoisonEvery)?.Value,
        };
    }
}
