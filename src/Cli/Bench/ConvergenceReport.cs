using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// The experiment's results: per agent, the non-learning policies, speedups and the cost of learning, each in both
/// score loops, closed loop first (<see cref="Loops"/>).
/// </summary>
internal sealed record ConvergenceReport(
    string Scenario,
    int Seeds,
    long MaxInteractions,
    IReadOnlyList<AgentSummary> Agents,
    IReadOnlyList<NonLearningScore> NonLearning,
    IReadOnlyList<Speedup> Speedups,
    IReadOnlyList<CostOfLearning> Costs)
{
    /// <summary>The score that counts as converged (held for the next evaluations too).</summary>
    public const double Threshold = 0.95;

    public const string Hybrid = "hl";

    /// <summary>The order every figure is reported in: closed loop (what operators see, the headline), then open loop.</summary>
    public static IReadOnlyList<ScoreLoop> Loops { get; } = [ScoreLoop.Closed, ScoreLoop.Open];

    /// <summary>The best non-learning policy, judged closed loop.</summary>
    public NonLearningScore BestNonLearning => NonLearningBaseline.Best(NonLearning);

    public static ConvergenceReport Build(string scenario, int seeds, long maxInteractions, IReadOnlyList<AgentRuns> runs, IReadOnlyList<NonLearningScore> nonLearning)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(nonLearning);
        if (nonLearning.Count == 0)
        {
            throw new ArgumentException("the report needs the non-learning policies' scores", nameof(nonLearning));
        }

        var agents = runs.Select(r => AgentSummary.From(r, maxInteractions)).ToList();
        var hybrid = agents.FirstOrDefault(a => a.Agent == Hybrid);
        var baselines = hybrid is null ? [] : agents.Where(a => a.Agent != Hybrid).ToList();
        var speedups = Loops.SelectMany(loop => baselines.Select(b => new Speedup(
            b.Agent,
            loop,
            Ratio(b.Of(loop).To95.Median, hybrid!.Of(loop).To95.Median),
            !b.Of(loop).To95.AllConverged,
            hybrid.Of(loop).To95.AllConverged))).ToList();
        var costs = Loops.SelectMany(loop => baselines.Select(b => new CostOfLearning(
            b.Agent,
            loop,
            Ratio(b.Of(loop).CumulativeRegret, hybrid!.Of(loop).CumulativeRegret),
            Ratio(b.Of(loop).Violations, hybrid.Of(loop).Violations)))).ToList();
        return new ConvergenceReport(scenario, seeds, maxInteractions, agents, nonLearning, speedups, costs);
    }

    private static double? Ratio(double baseline, double hybrid) => hybrid > 0 ? baseline / hybrid : null;
}
