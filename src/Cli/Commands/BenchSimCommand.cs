using System.Diagnostics;
using System.Globalization;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Scenarios;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.Commands;

/// <summary><c>bench sim</c>: how many requests the twin simulates per second on one thread.</summary>
internal static class BenchSimCommand
{
    public static int Run(CommandLine line)
    {
        var scenario = ScenarioLoader.Load(line.RequiredText("scenario"));
        var steps = (int)line.Integer("steps", 5_000_000, 1000, 1_000_000_000);
        var json = line.Flag("json");
        line.EnsureAllUsed(positionals: 0);

        var twin = new EdgeCloudTwin(scenario);
        // Actions are drawn beforehand so the figure measures the simulator, not a policy.
        var random = new RandomPolicy(scenario, scenario.Seed);
        var actions = new int[4096];
        for (var i = 0; i < actions.Length; i++)
        {
            actions[i] = random.Decide(twin.Reset(i));
        }

        twin.Reset(scenario.Seed);
        Run(twin, actions, Math.Min(steps, 200_000)); // JIT warm-up
        twin.Reset(scenario.Seed);
        var clock = Stopwatch.StartNew();
        var checksum = Run(twin, actions, steps);
        var seconds = clock.Elapsed.TotalSeconds;
        var perSecond = steps / seconds;

        if (json)
        {
            JsonOutput.Write(new { scenario = scenario.Name, steps, seconds, stepsPerSecond = perSecond, meanReward = checksum / steps });
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{steps:N0} simulator steps in {seconds:0.000} s on one thread: {perSecond:N0} steps/s (scenario '{scenario.Name}')"));
        }

        return 0;
    }

    private static double Run(EdgeCloudTwin twin, int[] actions, int steps)
    {
        var total = 0.0;
        for (var i = 0; i < steps; i++)
        {
            total += twin.Step(actions[i & (actions.Length - 1)]).Reward;
        }

        return total;
    }
}
