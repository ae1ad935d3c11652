using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EdgeControl.Cli.Options;
using EdgeControl.CommandLine;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench sim</c>: how many requests the twin simulates per second on one thread. By default the
/// actions are uniformly random and drawn beforehand, so the figure measures the simulator alone;
/// <c>--policy NAME</c> lets a non-learning policy decide every request of its own trajectory instead
/// (its decisions are timed too), e.g. the idle-node <c>greedy</c>, which herds a city onto one edge
/// server: the twin under overload, with the node's in-flight count printed.
/// </summary>
internal sealed class BenchSimCommand : ActionCommand
{
    public BenchSimCommand()
        : base("sim", "Simulator steps per second on one thread, with random actions drawn beforehand or a policy deciding on its own trajectory.")
    {
        Add(Scenario, Steps, Policy, Json);
    }

    public Option<LoadedScenario> Scenario { get; } = CommonOptions.Scenario();

    public Option<int> Steps { get; } = new("--steps")
    {
        HelpName = "N", Description = "simulator steps (requests) timed, after an untimed warm-up of up to 200,000",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1000, 1_000_000_000), DefaultValueFactory = _ => 5_000_000,
    };

    public Option<string?> Policy { get; } = new("--policy")
    {
        HelpName = "NAME", Description = $"the policy that decides: {string.Join(", ", PolicyFactory.Names)}; without it: random actions drawn beforehand",
        CustomParser = r => OptionValues.OneOf(r, PolicyFactory.Names),
    };

    public Option<bool> Json { get; } = CommonOptions.Json();

    protected override int Run(ParseResult parsed)
    {
        var scenario = parsed.GetRequiredValue(Scenario).Scenario;
        var steps = parsed.GetValue(Steps);
        var policyName = parsed.GetValue(Policy);
        var json = parsed.GetValue(Json);
        var twin = new EdgeCloudTwin(scenario);
        var decide = policyName is null ? RandomActionsDrawnBeforehand(scenario, twin) : PolicyFactory.Create(policyName, scenario, scenario.Seed).Decide;

        twin.Reset(scenario.Seed);
        Run(twin, decide, Math.Min(steps, 200_000)); // JIT warm-up
        twin.Reset(scenario.Seed);
        var clock = Stopwatch.StartNew();
        var checksum = Run(twin, decide, steps);
        var seconds = clock.Elapsed.TotalSeconds;
        var perSecond = steps / seconds;
        var busiest = Enumerable.Range(0, scenario.Servers.Count).MaxBy(twin.InFlightOn);
        var inFlight = twin.InFlightOn(busiest);
        var actions = policyName ?? "random actions drawn beforehand";

        if (json)
        {
            JsonOutput.Write(new
            {
                scenario = scenario.Name,
                policy = policyName ?? "random",
                steps,
                seconds,
                stepsPerSecond = perSecond,
                meanReward = checksum / steps,
                largestInFlight = inFlight,
                largestInFlightServer = scenario.Servers[busiest].Name,
            });
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{steps:N0} simulator steps in {seconds:0.000} s on one thread: {perSecond:N0} steps/s (scenario '{scenario.Name}', {actions}); " +
                $"at the end {inFlight:N0} requests in flight on {scenario.Servers[busiest].Name}, the busiest server"));
        }

        return 0;
    }

    private static Func<Observation, int> RandomActionsDrawnBeforehand(Scenario scenario, EdgeCloudTwin twin)
    {
        // A random policy ignores the request, so one observation serves to draw them all.
        var random = new RandomPolicy(scenario, scenario.Seed);
        var any = twin.Reset(scenario.Seed);
        var actions = new int[4096];
        for (var i = 0; i < actions.Length; i++)
        {
            actions[i] = random.Decide(any);
        }

        var next = 0;
        return _ => actions[next++ & (actions.Length - 1)];
    }

    private static double Run(EdgeCloudTwin twin, Func<Observation, int> decide, int steps)
    {
        var total = 0.0;
        var request = twin.Current;
        for (var i = 0; i < steps; i++)
        {
            var result = twin.Step(decide(request));
            total += result.Reward;
            request = result.Next;
        }

        return total;
    }
}
