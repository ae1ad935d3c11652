using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.OffPolicy;

/// <summary>
/// The policy an off-policy estimate is about, on each logged request: the actions it would take with their
/// probabilities, and the importance weight of the logged action (its probability under the candidate over the
/// logging policy's).
/// </summary>
internal abstract class CandidatePolicy
{
    public abstract string Name { get; }

    /// <summary>What the candidate does on every sample, in order (one batched pass for a learner).</summary>
    public abstract IReadOnlyList<CandidateChoice> Choose(IReadOnlyList<LoggedSample> samples);

    /// <summary>A policy that takes one action per request (a heuristic, a learner's greedy policy).</summary>
    public sealed class Deterministic(string name, Func<IReadOnlyList<Observation>, int[]> decide) : CandidatePolicy
    {
        public override string Name => name;

        public override IReadOnlyList<CandidateChoice> Choose(IReadOnlyList<LoggedSample> samples)
        {
            var actions = decide(samples.Select(s => s.Context).ToList());
            return samples.Select((s, i) => new CandidateChoice([(actions[i], 1.0)], actions[i] == s.Action ? 1 / s.Probability : 0)).ToList();
        }
    }

    /// <summary>Uniformly random over all actions (the score's floor).</summary>
    public sealed class Uniform(int actionCount) : CandidatePolicy
    {
        public override string Name => "random";

        public override IReadOnlyList<CandidateChoice> Choose(IReadOnlyList<LoggedSample> samples)
        {
            var all = Enumerable.Range(0, actionCount).Select(a => (a, 1.0 / actionCount)).ToArray();
            return samples.Select(s => new CandidateChoice(all, 1.0 / actionCount / s.Probability)).ToList();
        }
    }

    /// <summary>
    /// The logging policy itself: on each request it does what was logged, with weight 1. Its estimate is the logged
    /// mean by construction: a check of the machinery, and the baseline a candidate is compared with.
    /// </summary>
    public sealed class Logged : CandidatePolicy
    {
        public const string PolicyName = "logged";

        public override string Name => PolicyName;

        public override IReadOnlyList<CandidateChoice> Choose(IReadOnlyList<LoggedSample> samples) =>
            samples.Select(s => new CandidateChoice([(s.Action, 1.0)], 1.0)).ToList();
    }
}
