using System.CommandLine;
using System.CommandLine.Parsing;
using EdgeControl.CommandLine;
using EdgeControl.Core.Domain;

namespace EdgeControl.Worker.Options;

/// <summary>
/// The worker's command line, declared once: System.CommandLine parses it, generates <c>--help</c> with every default
/// and suggests the closest option for a misspelt one. A bad value stops start-up with one sentence naming the option.
/// </summary>
internal sealed class WorkerCommand : RootCommand
{
    /// <summary>Exit code of a command line that names no valid run.</summary>
    public const int UsageError = ParseAnswer.UsageError;

    private const string Summary = """
        edgecontrol worker: an edge or cloud server that runs offloaded MobileNetV1 inference for devices.

          --server URL --name edge-1 --tier edge --data-dir DIR --registration-token T [--url URL] [--listen URL] ...
          --profile-only [--threads N] [--scenario FILE]     measure this machine, print the profile and stop

        At start it registers (unless DIR holds its identity), measures itself on every catalog variant, reports the
        profile to the control plane's worker hub and heartbeats its load; devices POST inputs to /v1/infer with the
        token the control plane issued. Weights are random (no checkpoint can be downloaded): the compute is real.
        It never stops for a connection fault. Exit codes: 0 stopped by Ctrl-C or SIGTERM; 1 a refused registration or
        unreadable identity; 2 a bad command line.
        """;

    private readonly Func<string, string?> _environment;

    /// <param name="defaultScenarioPath">Where the scenario is when --scenario is not given (null: nowhere).</param>
    /// <param name="environment">Environment variables (the registration token may come from one).</param>
    public WorkerCommand(Func<string?> defaultScenarioPath, Func<string, string?> environment)
        : base(Summary)
    {
        ArgumentNullException.ThrowIfNull(defaultScenarioPath);
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        HelpName = "EdgeControl.Worker";
        Scenario = new("--scenario")
        {
            HelpName = "FILE",
            Description = "scenario file (JSON) whose model catalog the worker serves and profiles; the default is the repository's scenarios/paper-mobilenet.json",
            CustomParser = LoadedScenario.Parse,
            DefaultValueFactory = r => defaultScenarioPath() is { } path ? LoadedScenario.Load(r, path) : null,
        };
        foreach (var option in new Option[] { Server, WorkerName, Tier, Url, Listen, Slots, Threads, Queue, DataDirectory, RegistrationToken, Scenario, Heartbeat, ProfileOnly })
        {
            Options.Add(option);
        }

        Validators.Add(Check);
    }

    public Option<Uri?> Server { get; } = new("--server")
    {
        HelpName = "URL", Description = "the control plane, e.g. http://10.0.0.2:5000 (required)",
        CustomParser = OptionValueParser.HttpUrl,
    };

    public Option<string?> WorkerName { get; } = new("--name")
    {
        HelpName = "NAME", Description = "node name: the scenario's server this worker is, e.g. edge-1 (required)", CustomParser = WorkerOptionValues.Name,
    };

    /// <summary>Written as the tier's name (the help shows "edge", not the enum's "Edge"); checked by <see cref="WorkerOptionValues.Tier"/>.</summary>
    public Option<string> Tier { get; } = new("--tier")
    {
        HelpName = "edge|cloud", Description = "the tier it serves", CustomParser = WorkerOptionValues.Tier, DefaultValueFactory = _ => TierNames.Of(Core.Domain.Tier.Edge),
    };

    public Option<Uri?> Url { get; } = new("--url")
    {
        HelpName = "URL", Description = "the URL devices reach it at, e.g. http://10.0.0.5:8100; without it: --listen, or with a wildcard --listen this machine's first non-loopback IPv4 address and its port",
        CustomParser = OptionValueParser.HttpUrl,
    };

    public Option<Uri> Listen { get; } = new("--listen")
    {
        HelpName = "URL", Description = "where it listens (plain http: HTTP/1.1)", CustomParser = r => WorkerOptionValues.Listen(r)!,
        DefaultValueFactory = _ => new Uri("http://0.0.0.0:8100"),
    };

    public Option<int> Slots { get; } = new("--slots")
    {
        HelpName = "N", Description = "requests executed at once, one dedicated thread each", CustomParser = r => OptionValueParser.WholeNumber(r, 1, 256), DefaultValueFactory = _ => 1,
    };

    public Option<int> Threads { get; } = new("--threads")
    {
        HelpName = "N", Description = "libtorch threads per slot", CustomParser = r => OptionValueParser.WholeNumber(r, 1, 256), DefaultValueFactory = _ => 1,
    };

    public Option<int> Queue { get; } = new("--queue")
    {
        HelpName = "N", Description = "requests waiting for a slot at most; more are answered 429 with Retry-After",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 100_000), DefaultValueFactory = _ => 16,
    };

    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        HelpName = "DIR", Description = "keeps the worker's identity (worker.json: id, API key, token key; mode 600), so a restart does not register again (required)",
        CustomParser = OptionValueParser.Directory,
    };

    public Option<string?> RegistrationToken { get; } = new("--registration-token")
    {
        HelpName = "T", Description = $"the control plane's registration token, needed only to register; or set {WorkerCommandNames.RegistrationTokenVariable}",
    };

    public Option<LoadedScenario?> Scenario { get; }

    public Option<int> Heartbeat { get; } = new("--heartbeat")
    {
        HelpName = "SECONDS", Description = "seconds between heartbeats (its load) to the control plane",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 3600), DefaultValueFactory = _ => 5,
    };

    public Option<bool> ProfileOnly { get; } = new("--profile-only")
    {
        Description = "measure every catalog variant on one slot (--threads torch threads), print the profile and the fitted GMAC/s, and stop",
    };

    /// <summary>The help, or the errors (<see cref="UsageError"/>); null when the worker is to run.</summary>
    public static int? Answer(ParseResult result, TextWriter output, TextWriter error) => ParseAnswer.Of(result, output, error);

    /// <summary>The options to run with, from a parse result without errors.</summary>
    public WorkerOptions Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException("the command line has errors: report them (Answer) instead of reading options.");
        }

        var listen = result.GetValue(Listen)!;
        return new WorkerOptions
        {
            Server = result.GetValue(Server),
            Name = result.GetValue(WorkerName) ?? "profile",
            Tier = TierNames.TryParse(result.GetValue(Tier), out var tier) ? tier : Core.Domain.Tier.Edge,
            Listen = listen,
            Url = result.GetValue(Url) ?? WorkerOptionValues.DefaultUrl(listen) ?? listen,
            Slots = result.GetValue(Slots),
            ThreadsPerSlot = result.GetValue(Threads),
            QueueLength = result.GetValue(Queue),
            DataDirectory = result.GetValue(DataDirectory),
            RegistrationToken = result.GetValue(RegistrationToken) ?? _environment(WorkerCommandNames.RegistrationTokenVariable),
            Catalog = result.GetValue(Scenario)!.Scenario.Catalog,
            HeartbeatInterval = TimeSpan.FromSeconds(result.GetValue(Heartbeat)),
            ProfileOnly = result.GetValue(ProfileOnly),
        };
    }

    /// <summary>The --listen address, or null when it is refused (its parser has said why): read from the token, since a refused value cannot be read.</summary>
    private Uri? ListenAddress(CommandResult result) =>
        result.GetResult(Listen) is { Tokens: [{ } token] }
            ? (Uri.TryCreate(token.Value, UriKind.Absolute, out var given) && given.Scheme == Uri.UriSchemeHttp ? given : null)
            : result.GetValue(Listen);

    private void Check(CommandResult result)
    {
        bool Given(Option option) => result.GetResult(option) is { Implicit: false };

        // System.CommandLine gives an option that needs a value the next word even when that word is another option.
        var names = Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        string? problem = result.Children.OfType<OptionResult>().FirstOrDefault(o => o.Tokens.Any(t => names.Contains(t.Value))) is { } swallowed
            ? $"option {swallowed.Option.Name} needs a value, but the next word is the option {swallowed.Tokens.First(t => names.Contains(t.Value)).Value}."
            : result.GetResult(Scenario) is { Implicit: true } scenario && scenario.GetValueOrDefault<LoadedScenario?>() is null && !scenario.Errors.Any()
                ? "option --scenario FILE is needed: the repository's scenarios/paper-mobilenet.json was not found from here."
            : Given(ProfileOnly) ? null
            : !Given(Server) ? "option --server URL is required (the control plane, e.g. http://10.0.0.2:5000)."
            : !Given(WorkerName) ? "option --name NAME is required (the scenario's server this worker is, e.g. edge-1)."
            : !Given(DataDirectory) ? "option --data-dir DIR is required (where the worker keeps its identity between runs)."
            : !Given(Url) && ListenAddress(result) is { } listen && WorkerOptionValues.DefaultUrl(listen) is null
                ? "option --url URL is needed: --listen listens on every address and this machine has no non-loopback IPv4 address to offer devices."
            : null;
        if (problem is not null)
        {
            result.AddError(problem);
        }
    }
}
