using System.CommandLine;
using System.Globalization;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Options;
using EdgeControl.CommandLine;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench decide</c>: latency of one greedy decision, throughput of batched ones, and what one evaluation of the
/// greedy policy costs during training. The learner is trained only briefly: a decision costs the same forward pass
/// whatever the weights are.
/// </summary>
internal sealed class BenchDecideCommand : ActionCommand
{
    private const int EvaluationRepetitions = 5;

    public BenchDecideCommand()
        : base("decide", "Latency of one greedy decision, batched decisions per second, and the time of one evaluation during training.")
    {
        Add(Scenario, Agent, TrainSteps, Decisions, Json);
    }

    public Option<LoadedScenario> Scenario { get; } = CommonOptions.Scenario();

    public Option<string> Agent { get; } = new("--agent")
    {
        HelpName = "A", Description = $"the agent: {string.Join(", ", LearnerCatalog.Agents)}",
        CustomParser = r => OptionValues.OneOf(r, LearnerCatalog.Agents), DefaultValueFactory = _ => "hl",
    };

    public Option<long> TrainSteps { get; } = new("--train-steps")
    {
        HelpName = "N", Description = "real interactions of training before measuring", CustomParser = r => OptionValueParser.WholeNumber(r, 0, 10_000_000), DefaultValueFactory = _ => 500,
    };

    public Option<int> Decisions { get; } = new("--decisions")
    {
        HelpName = "N", Description = "greedy decisions timed one by one (after an untimed pass over the evaluation set)", CustomParser = r => OptionValueParser.WholeNumber(r, 100, 100_000_000),
        DefaultValueFactory = _ => 20_000,
    };

    public Option<bool> Json { get; } = CommonOptions.Json();

    protected override int Run(ParseResult parsed)
    {
        var scenario = parsed.GetRequiredValue(Scenario).Scenario;
        var agent = parsed.GetRequiredValue(Agent);
        var trainSteps = parsed.GetValue(TrainSteps);
        var decisions = parsed.GetValue(Decisions);
        var json = parsed.GetValue(Json);
        TorchThreads.UseOne();
        var evaluation = PolicyEvaluation.Create(scenario);
        var setting = LearnerCatalog.Default(agent);
        var learner = setting.Create(scenario, scenario.Seed);
        try
        {
            if (trainSteps > 0)
            {
                Trainer.Run(learner, evaluation, new TrainingOptions(trainSteps, trainSteps, scenario.Seed));
            }

            var latency = DecisionLatency.Measure(learner, evaluation.OpenLoop.Requests, decisions);
            var cost = EvaluationCost.Measure(learner, evaluation, EvaluationRepetitions);
            if (json)
            {
                JsonOutput.Write(new
                {
                    agent,
                    scenario = scenario.Name,
                    decisions,
                    p50Microseconds = latency.P50Microseconds,
                    p99Microseconds = latency.P99Microseconds,
                    meanMicroseconds = latency.MeanMicroseconds,
                    batchedDecisionsPerSecond = latency.BatchedDecisionsPerSecond,
                    closedLoopEvaluationMs = cost.ClosedLoopMilliseconds,
                    openLoopEvaluationMs = cost.OpenLoopMilliseconds,
                });
                return 0;
            }

            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c,
                $"greedy decisions of {agent} ({setting.Label}, trained {trainSteps:N0} real steps) on '{scenario.Name}', one thread, {decisions:N0} decisions after warm-up:"));
            Console.WriteLine(string.Create(c, $"  p50      {latency.P50Microseconds,10:0.0} us"));
            Console.WriteLine(string.Create(c, $"  p99      {latency.P99Microseconds,10:0.0} us"));
            Console.WriteLine(string.Create(c, $"  mean     {latency.MeanMicroseconds,10:0.0} us"));
            Console.WriteLine(string.Create(c, $"  batched  {latency.BatchedDecisionsPerSecond,10:N0} decisions/s (ActGreedy over the {evaluation.OpenLoop.Requests.Count:N0}-request evaluation set)"));
            Console.WriteLine(string.Create(c,
                $"one evaluation during training (median of {EvaluationRepetitions}): closed loop {cost.ClosedLoopMilliseconds:N1} ms ({cost.ClosedLoopDecisions:N0} decisions, one batched call per step across the seeds), open loop {cost.OpenLoopMilliseconds:N1} ms ({cost.OpenLoopDecisions:N0} decisions in one call)"));
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }

        return 0;
    }
}
