using System.Globalization;
using EdgeControl.Agents.Learning;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Checkpoints;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>simulate</c>: run one policy (a named heuristic, or a learner's greedy policy from a checkpoint) on the twin and
/// report what it achieved, with its closed-loop and open-loop scores.
/// </summary>
internal static class SimulateCommand
{
    public static int Run(CommandLine line)
    {
        var scenarioPath = line.RequiredText("scenario");
        var policyName = line.Text("policy");
        var checkpointPath = line.Text("checkpoint");
        var requests = (int)line.Integer("requests", 10_000, 1, 100_000_000);
        var json = line.Flag("json");
        var seedOption = line.Text("seed") is null ? (long?)null : line.Integer("seed", 0, long.MinValue, long.MaxValue);
        var defaults = ClosedLoopOptions.Default;
        var closedLoop = defaults with
        {
            Seeds = (int)line.Integer("closed-loop-seeds", defaults.Seeds, 1, 1000),
            WarmUpRequests = (int)line.Integer("closed-loop-warm-up", defaults.WarmUpRequests, 0, 10_000_000),
            RequestsPerSeed = (int)line.Integer("closed-loop-requests", defaults.RequestsPerSeed, 1, 10_000_000),
        };
        line.EnsureAllUsed(positionals: 0);
        if ((policyName is null) == (checkpointPath is null))
        {
            throw new UsageException("simulate needs either --policy NAME or --checkpoint FILE (not both)");
        }

        if (policyName is not null && !PolicyFactory.Names.Contains(policyName))
        {
            throw new UsageException($"option --policy must be one of {string.Join(", ", PolicyFactory.Names)} (got '{policyName}')");
        }

        if (checkpointPath is not null && !File.Exists(checkpointPath))
        {
            throw new UsageException($"option --checkpoint: file '{checkpointPath}' does not exist");
        }

        var scenario = ScenarioLoader.Load(scenarioPath);
        var seed = seedOption ?? scenario.Seed;
        var evaluation = PolicyEvaluation.Create(scenario, closedLoop);
        if (policyName is not null)
        {
            Report(scenario, PolicyRunner.Run(scenario, PolicyFactory.Create(policyName, scenario, seed), requests, seed, evaluation), seed, null, closedLoop, json);
            return 0;
        }

        TorchThreads.UseOne();
        var (header, learner) = LoadCheckpoint(checkpointPath!, scenario);
        try
        {
            Report(scenario, PolicyRunner.Run(scenario, new GreedyPolicy(learner), requests, seed, evaluation), seed, header, closedLoop, json);
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }

        return 0;
    }

    private static (CheckpointHeader Header, ILearner Learner) LoadCheckpoint(string path, Scenario scenario)
    {
        try
        {
            return LearnerCheckpointFile.Load(path, scenario);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"option --checkpoint: '{path}' {e.Message}");
        }
    }

    private static void Report(Scenario scenario, PolicyRunReport report, long seed, CheckpointHeader? checkpoint, ClosedLoopOptions closedLoop, bool json)
    {
        var closed = report.ClosedLoop;
        if (json)
        {
            JsonOutput.Write(new
            {
                policy = report.Policy,
                checkpoint = checkpoint is null ? null : new
                {
                    agent = checkpoint.Agent,
                    setting = checkpoint.SettingLabel,
                    scenario = checkpoint.Scenario,
                    realInteractions = checkpoint.RealInteractions,
                    seed = checkpoint.Seed,
                },
                scenario = scenario.Name,
                requests = report.Requests,
                seed,
                meanLatencyMs = report.MeanLatencyMs,
                meanEnergyJ = report.MeanEnergyJ,
                violationRate = report.ViolationRate,
                sloMissRate = report.SloMissRate,
                meanReward = report.MeanReward,
                closedLoop = new
                {
                    score = closed.Score,
                    standardError = Finite(closed.StandardError),
                    meanLatencyMs = closed.MeanLatencyMs,
                    missRate = closed.MissRate,
                    meanReward = closed.MeanReward,
                    seeds = closedLoop.Seeds,
                    warmUpRequests = closedLoop.WarmUpRequests,
                    requestsPerSeed = closedLoop.RequestsPerSeed,
                },
                openLoopScore = report.NormalizedScore,
                placementShares = report.PlacementShares,
            });
            return;
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"policy             {report.Policy} on '{scenario.Name}', {report.Requests} requests, seed {seed}"));
        if (checkpoint is not null)
        {
            Console.WriteLine(string.Create(c,
                $"checkpoint         {checkpoint.Agent} ({checkpoint.SettingLabel}), seed {checkpoint.Seed}, {checkpoint.RealInteractions:N0} real interactions on '{checkpoint.Scenario}'; greedy, not learning"));
        }

        Console.WriteLine(string.Create(c, $"mean latency       {report.MeanLatencyMs:0.0} ms"));
        Console.WriteLine(string.Create(c, $"mean energy        {report.MeanEnergyJ:0.000} J"));
        Console.WriteLine(string.Create(c, $"accuracy misses    {report.ViolationRate:P1}"));
        Console.WriteLine(string.Create(c, $"SLO misses         {report.SloMissRate:P1}"));
        Console.WriteLine(string.Create(c, $"mean reward        {report.MeanReward:0.0000}"));
        Console.WriteLine("placements         " + string.Join(", ", report.PlacementShares.Select(p => string.Create(c, $"{p.Key} {p.Value:P0}"))));
        Console.WriteLine(string.Create(c,
            $"closed-loop score  {closed.Score:0.000} (standard error {closed.StandardError:0.000}; mean latency {closed.MeanLatencyMs:0.0} ms, misses {closed.MissRate:P1}): its own trajectories, {closedLoop.Seeds} seeds x {closedLoop.RequestsPerSeed:N0} requests after {closedLoop.WarmUpRequests:N0} warm-up"));
        Console.WriteLine(string.Create(c,
            $"open-loop score    {report.NormalizedScore:0.000}: each action alone on the fixed evaluation set of {scenario.EvaluationObservations:N0} requests"));
        Console.WriteLine("                   (scores: random 0, oracle 1; both use the scenario's evaluation seeds, not --seed)");
    }

    // JSON has no NaN: one closed-loop seed has no standard error.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
