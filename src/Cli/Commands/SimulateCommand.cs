using System.CommandLine;
using System.Globalization;
using EdgeControl.Agents.Learning;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Checkpoints;
using EdgeControl.Cli.Options;
using EdgeControl.CommandLine;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>simulate</c>: run one policy (a named heuristic, or a learner's greedy policy from a checkpoint) on the twin and
/// report what it achieved, with its closed-loop and open-loop scores.
/// </summary>
internal sealed class SimulateCommand : ActionCommand
{
    public SimulateCommand()
        : base("simulate", "Run a policy (a heuristic, or a trained learner from a checkpoint) on the digital twin: latency, energy, misses, reward and placements, then its closed-loop and open-loop scores (random 0, oracle 1).")
    {
        Add(Scenario, Policy, Checkpoint, Requests, Seed, ClosedLoopSeeds, ClosedLoopWarmUp, ClosedLoopRequests, Json);
        Validators.Add(result =>
        {
            if ((result.GetResult(Policy) is null) == (result.GetResult(Checkpoint) is null))
            {
                result.AddError("simulate needs either --policy NAME or --checkpoint FILE (not both).");
            }
        });
    }

    public Option<LoadedScenario> Scenario { get; } = CommonOptions.Scenario();

    public Option<string?> Policy { get; } = new("--policy")
    {
        HelpName = "NAME",
        Description = $"the heuristic to run: {string.Join(", ", PolicyFactory.Names)}",
        CustomParser = r => OptionValues.OneOf(r, PolicyFactory.Names),
    };

    public Option<string?> Checkpoint { get; } = new("--checkpoint")
    {
        HelpName = "FILE", Description = "a trained learner to run greedily, not learning (a file written by bench run-one --save-checkpoint), on a scenario of the shape it was trained on (servers, device classes, variants)", CustomParser = OptionValues.ExistingFile,
    };

    public Option<int> Requests { get; } = new("--requests")
    {
        HelpName = "N", Description = "requests to simulate", CustomParser = r => OptionValueParser.WholeNumber(r, 1, 100_000_000), DefaultValueFactory = _ => 10_000,
    };

    public Option<long?> Seed { get; } = new("--seed")
    {
        HelpName = "S", Description = "seed of the simulated requests (the scores use the scenario's evaluation seeds, not this one); without it: the scenario's seed", CustomParser = r => OptionValueParser.WholeNumber(r, long.MinValue, long.MaxValue),
    };

    public Option<int> ClosedLoopSeeds { get; } = new("--closed-loop-seeds")
    {
        HelpName = "K", Description = "closed-loop score, the policy on its own trajectories of the twin (its queues count): trajectories (seeds)",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1000), DefaultValueFactory = _ => ClosedLoopOptions.Default.Seeds,
    };

    public Option<int> ClosedLoopWarmUp { get; } = new("--closed-loop-warm-up")
    {
        HelpName = "W", Description = "closed-loop score: unscored requests per seed before the scored ones",
        CustomParser = r => OptionValueParser.WholeNumber(r, 0, 10_000_000), DefaultValueFactory = _ => ClosedLoopOptions.Default.WarmUpRequests,
    };

    public Option<int> ClosedLoopRequests { get; } = new("--closed-loop-requests")
    {
        HelpName = "R", Description = "closed-loop score: scored requests per seed",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 10_000_000), DefaultValueFactory = _ => ClosedLoopOptions.Default.RequestsPerSeed,
    };

    public Option<bool> Json { get; } = CommonOptions.Json();

    protected override int Run(ParseResult parsed)
    {
        var scenario = parsed.GetRequiredValue(Scenario).Scenario;
        var requests = parsed.GetValue(Requests);
        var json = parsed.GetValue(Json);
        var seed = parsed.GetValue(Seed) ?? scenario.Seed;
        var closedLoop = new ClosedLoopOptions(parsed.GetValue(ClosedLoopSeeds), parsed.GetValue(ClosedLoopWarmUp), parsed.GetValue(ClosedLoopRequests));
        var evaluation = PolicyEvaluation.Create(scenario, closedLoop);
        if (parsed.GetValue(Policy) is { } policyName)
        {
            Report(scenario, PolicyRunner.Run(scenario, PolicyFactory.Create(policyName, scenario, seed), requests, seed, evaluation), seed, null, closedLoop, json);
            return 0;
        }

        TorchThreads.UseOne();
        var checkpointPath = parsed.GetRequiredValue(Checkpoint)!;
        CheckpointHeader header;
        ILearner learner;
        try
        {
            (header, learner) = LearnerCheckpointFile.Load(checkpointPath, scenario);
        }
        catch (InvalidDataException e)
        {
            return UsageError.Report($"option --checkpoint: '{checkpointPath}' {e.Message}");
        }

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
