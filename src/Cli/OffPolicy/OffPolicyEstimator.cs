using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.OffPolicy;

/// <summary>
/// Inverse propensity and doubly robust estimates of a candidate policy's mean reward from logged decisions (Dudik,
/// Langford and Li, "Doubly Robust Policy Evaluation and Learning", ICML 2011). Both are unbiased for the mean reward
/// the candidate would get on the logged requests when the logged probabilities are the ones the logging policy really
/// used and it gave every action the candidate takes a positive probability (overlap); DR stays unbiased when the
/// reward model is wrong, and has a smaller variance when it is good.
/// </summary>
internal static class OffPolicyEstimator
{
    /// <exception cref="NoOverlapException">No logged action is one the candidate could have taken: the log says nothing about it.</exception>
    public static OffPolicyEstimate Estimate(IReadOnlyList<LoggedSample> samples, CandidatePolicy candidate, CrossFittedRewardModel model)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(model);
        var choices = candidate.Choose(samples);
        var matched = choices.Count(c => c.Matches);
        if (matched == 0)
        {
            throw new NoOverlapException(samples.Count);
        }

        var n = samples.Count;
        var rewards = samples.Select(s => s.Reward).ToArray();
        var weights = choices.Select(c => c.Weight).ToArray();
        var ips = Enumerable.Range(0, n).Select(i => weights[i] * rewards[i]).ToArray();
        var sumWeights = weights.Sum();
        var snips = ips.Sum() / sumWeights;
        // Delta method for a ratio of means: the terms w_i (r_i - estimate), scaled by the mean weight.
        var snipsError = Math.Sqrt(Enumerable.Range(0, n).Sum(i => Math.Pow(weights[i] * (rewards[i] - snips), 2))) / sumWeights;

        // One query per logged action and per action the candidate takes: the model's predicted rewards in one batched pass.
        var queries = new List<(int Index, Observation Context, int Action)>();
        for (var i = 0; i < n; i++)
        {
            queries.Add((i, samples[i].Context, samples[i].Action));
            queries.AddRange(choices[i].Actions.Select(a => (i, samples[i].Context, a.Action)));
        }

        var predicted = model.Rewards(queries);
        var dr = new double[n];
        for (int i = 0, q = 0; i < n; i++)
        {
            var loggedPrediction = predicted[q++];
            var direct = 0.0;
            foreach (var (_, probability) in choices[i].Actions)
            {
                direct += probability * predicted[q++];
            }

            dr[i] = direct + weights[i] * (rewards[i] - loggedPrediction);
        }

        return new OffPolicyEstimate(
            candidate.Name,
            n,
            matched,
            sumWeights * sumWeights / weights.Sum(w => w * w),
            ConfidenceInterval.OfMean(rewards),
            ConfidenceInterval.OfMean(ips),
            new ConfidenceInterval(snips, snipsError),
            ConfidenceInterval.OfMean(dr));
    }
}
