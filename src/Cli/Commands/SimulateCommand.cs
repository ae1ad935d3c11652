using System.Globalization;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Cli.Commands;

/// <summary><c>simulate</c>: run one non-learning policy on the twin and report what it achieved.</summary>
internal static class SimulateCommand
{
    public static int Run(CommandLine line)
    {
        var scenarioPath = line.RequiredText("scenario");
        var policyName = line.RequiredText("policy");
        var requests = (int)line.Integer("requests", 10_000, 1, 100_000_000);
        var json = line.Flag("json");
        var seedOption = line.Text("seed") is null ? (long?)null : line.Integer("seed", 0, long.MinValue, long.MaxValue);
        line.EnsureAllUsed(positionals: 0);
        if (!PolicyFactory.Names.Contains(policyName))
        {
            throw new UsageException($"option --policy must be one of {string.Join(", ", PolicyFactory.Names)} (got '{policyName}')");
        }

        var scenario = ScenarioLoader.Load(scenarioPath);
        var seed = seedOption ?? scenario.Seed;
        IPolicy policy;
        try
        {
            policy = PolicyFactory.Create(policyName, scenario, seed);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        var report = PolicyRunner.Run(scenario, policy, requests, seed);
        if (json)
        {
            JsonOutput.Write(new
            {
                policy = report.Policy,
                requests = report.Requests,
                meanLatencyMs = report.MeanLatencyMs,
                meanEnergyJ = report.MeanEnergyJ,
                violationRate = report.ViolationRate,
                sloMissRate = report.SloMissRate,
                meanReward = report.MeanReward,
                normalizedScore = report.NormalizedScore,
                placementShares = report.PlacementShares,
            });
            return 0;
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"policy            {report.Policy} on '{scenario.Name}', {report.Requests} requests, seed {seed}"));
        Console.WriteLine(string.Create(c, $"mean latency      {report.MeanLatencyMs:0.0} ms"));
        Console.WriteLine(string.Create(c, $"mean energy       {report.MeanEnergyJ:0.000} J"));
        Console.WriteLine(string.Create(c, $"accuracy misses   {report.ViolationRate:P1}"));
        Console.WriteLine(string.Create(c, $"SLO misses        {report.SloMissRate:P1}"));
        Console.WriteLine(string.Create(c, $"mean reward       {report.MeanReward:0.0000}"));
        Console.WriteLine(string.Create(c, $"normalised score  {report.NormalizedScore:0.000}  (random 0, oracle 1)"));
        Console.WriteLine("placements        " + string.Join(", ", report.PlacementShares.Select(p => string.Create(c, $"{p.Key} {p.Value:P0}"))));
        return 0;
    }
}
