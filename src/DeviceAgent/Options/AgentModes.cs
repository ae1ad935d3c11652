using System.CommandLine;
using System.CommandLine.Parsing;

namespace EdgeControl.DeviceAgent.Options;

/// <summary>
/// Which options go together: the agent runs as a registered device, registers itself first, benchmarks the hub or
/// benchmarks its outbox, and each mode refuses the options of the others in one sentence naming them.
/// </summary>
internal static class AgentModes
{
    public static Action<CommandResult> Check(AgentCommand command) => result =>
    {
        var problem = Problem(command, result);
        if (problem is not null)
        {
            result.AddError(problem);
        }
    };

    private static string? Problem(AgentCommand c, CommandResult result)
    {
        bool Given(Option option) => result.GetResult(option) is { Implicit: false };

        // System.CommandLine gives an option that needs a value the next word even when that word is another option.
        var names = c.Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        if (result.Children.OfType<OptionResult>().FirstOrDefault(o => o.Tokens.Any(t => names.Contains(t.Value))) is { } swallowed)
        {
            return $"option {swallowed.Option.Name} needs a value, but the next word is the option {swallowed.Tokens.First(t => names.Contains(t.Value)).Value}.";
        }

        if (Given(c.BenchOutbox))
        {
            // A local measurement: it needs no server and takes only where to put its throw-away outbox.
            return result.Children.OfType<OptionResult>().FirstOrDefault(o => !o.Implicit && o.Option != c.BenchOutbox && o.Option != c.Data) is { } other
                ? $"--bench-outbox measures the outbox alone and takes only --data DIR, not {other.Option.Name}."
                : null;
        }

        if (!Given(c.Server))
        {
            return "option --server URL is required (the control plane, e.g. http://127.0.0.1:5000).";
        }

        if (Given(c.BenchDevices))
        {
            Option[] deviceOnly = [c.Register, c.ApiKey, c.Simulate, c.UsersNamed, c.Real, c.CpuShare, c.ShapeUplink, c.DeviceName, c.Profile, c.Data, c.Stats, c.PoisonEvery, c.ReplayFrom, c.ReplayEvery];
            return deviceOnly.FirstOrDefault(Given) is { } alone
                ? $"--bench-devices registers its own devices and cannot be combined with {alone.Name}."
                : ScenarioProblem(c, result);
        }

        Option[] benchOnly = [c.BenchDuration, c.BenchWarmUp, c.BenchHold, c.Rate, c.KeysFile, c.LatenciesFile];
        if (benchOnly.FirstOrDefault(Given) is { } option)
        {
            return $"option {option.Name} belongs to the hub benchmark (--bench-devices N).";
        }

        return (Given(c.Register), Given(c.ApiKey), Given(c.Token)) switch
        {
            (true, true, _) => "give either --api-key (a registered device) or --register (a new device), not both.",
            (true, _, false) => "option --register needs --token T (the server's registration token).",
            (false, false, _) => "give --api-key KEY, or --register --token T to register this device first.",
            _ => HostingProblem(c, result) ?? ScenarioProblem(c, result),
        };
    }

    /// <summary>Which users, and whether their uplink can be shaped: one uplink per network namespace, so one user.</summary>
    private static string? HostingProblem(AgentCommand c, CommandResult result)
    {
        bool Given(Option option) => result.GetResult(option) is { Implicit: false };
        string? Word(Option option) => result.GetResult(option)?.Tokens is [var first, ..] ? first.Value : null;
        if (Given(c.Simulate) && Given(c.UsersNamed))
        {
            return "give either --simulate N (the scenario's first N users) or --users-named A,B (these users), not both.";
        }

        if (Given(c.CpuShare) && !Given(c.Real))
        {
            return "option --cpu-share slows real on-device inference and needs --real.";
        }

        if (Given(c.ReplayFrom) != Given(c.ReplayEvery))
        {
            return "options --replay-from TIME and --replay-every DURATION go together: when the users' trace first starts over, and how often after that.";
        }

        if (!Given(c.ShapeUplink))
        {
            return null;
        }

        if (!Given(c.Real))
        {
            return "option --shape-uplink shapes the uplink of real offloads and needs --real.";
        }

        // From the words, not the values: an option whose value is refused has its own error, and no value to read.
        var hosted = Given(c.UsersNamed) ? Word(c.UsersNamed)?.Split(',').Length
            : Given(c.Simulate) ? int.TryParse(Word(c.Simulate), out var n) ? n : null
            : 1;
        return hosted is null or 1
            ? null
            : $"option --shape-uplink shapes one uplink, so it needs exactly one hosted user (this command line hosts {hosted}): run one agent per user, each in its own network namespace.";
    }

    /// <summary>The scenario file's own problems and its users are checked as it is parsed; here only whether there is one.</summary>
    private static string? ScenarioProblem(AgentCommand c, CommandResult result) =>
        result.GetResult(c.Scenario) is { Implicit: false } || c.HasDefaultScenario
            ? null
            : "option --scenario FILE is needed: the repository's scenarios/paper-mobilenet.json was not found from here.";
}
