using System.Diagnostics;
using System.Globalization;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Scenarios;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench sim</c>: how many requests the twin simulates per second on one thread. By default the
/// actions are uniformly random and drawn beforehand, so the figure measures the simulator alone;
/// <c>--policy NAME</c> lets a non-learning policy decide every request of its own trajectory instead
/// (its decisions are timed too), e.g. the idle-node <c>greedy</c>, which herds a city onto one edge
/// server: the twin under overload, with the node's in-flight count printed.
/// </summary>
internal static class BenchSimCommand
{
    public static int Run(CommandLine line)
    {
        var scenario = ScenarioLoader.Load(line.RequiredText("scenario"));
        var steps = (int)line.Integer("steps", 5_000_000, 1000, 1_000_000_000);
        var policyName = line.Text("policy");
        var json = line.Flag("json");
        line.EnsureAllUsed(positionals: 0);
        if (policyName is not null && !PolicyFactory.Names.Contains(policyName))
        {
            throw new UsageException($"option --policy must be one of {string.Join(", ", PolicyFactory.Names)} (got '{policyName}')");
        }

        var twin = new EdgeCloudTwin(scenario);
        var decide = policyName is null ? RandomActionsDrawnBeforehand(scenario, twin) : Create(policyName, scenario).Decide;

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

    private static IPolicy Create(string name, Scenario scenario)
    {
        try
        {
            return PolicyFactory.Create(name, scenario, scenario.Seed);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
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
