using System.CommandLine;
using System.Globalization;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Options;
using EdgeControl.Cli.Terminal;
using EdgeControl.CommandLine;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench learn</c>: how many real experiences per second one learner thread absorbs when they arrive faster than
/// it can learn from them one by one, and how good its greedy policy is at the end. A random behaviour policy on the
/// twin produces them (<see cref="ExperienceProducer"/>); the learner takes whatever is waiting as one batch.
/// </summary>
internal sealed class BenchLearnCommand : ActionCommand
{
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(30);

    public BenchLearnCommand()
        : base("learn", "Experiences absorbed per second by one learner thread taking them in batches, and its greedy policy's scores at the end.")
    {
        Add(Scenario, Agent, Experiences, Queue, Rate, Seed, Json);
    }

    public Option<LoadedScenario> Scenario { get; } = CommonOptions.Scenario();

    public Option<string> Agent { get; } = new("--agent")
    {
        HelpName = "A", Description = $"the agent that learns: {string.Join(", ", LearnerCatalog.Agents)}", Required = true,
        CustomParser = r => OptionValues.OneOf(r, LearnerCatalog.Agents),
    };

    public Option<long> Experiences { get; } = new("--experiences")
    {
        HelpName = "N", Description = "real experiences produced and learned from", Required = true,
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 100_000_000),
    };

    public Option<int> Queue { get; } = new("--queue")
    {
        HelpName = "Q", Description = "experiences waiting at most (the producer waits while Q are); also the largest batch",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1_000_000), DefaultValueFactory = _ => 1_000,
    };

    public Option<long?> Rate { get; } = new("--rate")
    {
        HelpName = "R", Description = "experiences per second the producer offers; without it: as fast as the twin and the queue allow",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1_000_000_000),
    };

    public Option<long> Seed { get; } = new("--seed")
    {
        HelpName = "S", Description = "seed of the learner, the twin and the behaviour policy", CustomParser = r => OptionValueParser.WholeNumber(r, 0, long.MaxValue), DefaultValueFactory = _ => 1,
    };

    public Option<bool> Json { get; } = CommonOptions.Json();

    protected override int Run(ParseResult parsed)
    {
        var scenario = parsed.GetRequiredValue(Scenario).Scenario;
        var agent = parsed.GetRequiredValue(Agent);
        var experiences = parsed.GetValue(Experiences);
        var queue = parsed.GetValue(Queue);
        var rate = parsed.GetValue(Rate);
        var seed = parsed.GetValue(Seed);
        TorchThreads.UseOne();
        var evaluation = PolicyEvaluation.Create(scenario);
        var learner = LearnerCatalog.Default(agent).Create(scenario, seed);
        LearnResult result;
        try
        {
            using var progress = ProgressDisplay.Create(Console.Error, Console.IsErrorRedirected, QuietFor);
            result = LearnBenchmark.Run(learner, evaluation, new ExperienceProducer(scenario, seed, rate), experiences, queue, progress);
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }

        if (parsed.GetValue(Json))
        {
            JsonOutput.Write(new
            {
                scenario = scenario.Name,
                agent,
                behaviour = "uniform random over allowed actions",
                experiences = result.Experiences,
                seconds = result.Seconds,
                experiencesPerSecond = result.ExperiencesPerSecond,
                batches = result.Batches,
                meanBatchSize = result.MeanBatchSize,
                largestBatch = result.LargestBatch,
                queue,
                rate,
                closedLoopScore = result.ClosedLoopScore,
                openLoopScore = result.OpenLoopScore,
            });
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Experiences:N0} experiences learned in {result.Seconds:0.000} s on one learner thread: {result.ExperiencesPerSecond:N0} experiences/s " +
                $"(scenario '{scenario.Name}', agent {agent}, behaviour uniform random over allowed actions, {(rate is { } r ? $"offered at {r:N0}/s" : "offered as fast as possible")})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Batches:N0} batches, mean batch {result.MeanBatchSize:0.0}, largest {result.LargestBatch:N0} (queue {queue:N0})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"greedy policy at the end: closed-loop score {result.ClosedLoopScore:0.000}, open-loop score {result.OpenLoopScore:0.000}"));
        }

        return 0;
    }
}
