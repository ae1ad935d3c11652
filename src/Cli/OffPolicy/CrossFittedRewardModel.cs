using EdgeControl.Agents.Hybrid;
using EdgeControl.Agents.Model;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.OffPolicy;

/// <summary>
/// The doubly robust estimate's model of the reward: the hybrid agent's environment model (same network and settings)
/// predicts an action's latency and energy, and Core's reward function turns them into a reward with the variant's
/// accuracy. Cross-fitted: the samples are split into two halves (alternate rows, so both span the whole window), a
/// model is fitted on each, and every sample is predicted by the model that did not see it, so the model's errors on
/// its own training rows do not leak into the estimate.
/// </summary>
internal sealed class CrossFittedRewardModel : IDisposable
{
    private const int Folds = 2;

    private readonly Scenario _scenario;
    private readonly ActionSpace _actions;
    private readonly EnvironmentModel[] _models;

    private CrossFittedRewardModel(Scenario scenario, EnvironmentModel[] models)
    {
        _scenario = scenario;
        _actions = new ActionSpace(scenario);
        _models = models;
    }

    /// <summary>Gradient steps per fold model: enough passes over a small log, capped so a large one costs seconds, not minutes.</summary>
    public static int FitSteps(int samples) => Math.Clamp(samples / 2, 1_000, 4_000);

    /// <summary>Fits one model per half of <paramref name="samples"/>; <paramref name="fitted"/> hears each fold done.</summary>
    public static CrossFittedRewardModel Fit(Scenario scenario, IReadOnlyList<LoggedSample> samples, long seed, Action<int>? fitted = null)
    {
        var models = new EnvironmentModel[Folds];
        try
        {
            for (var fold = 0; fold < Folds; fold++)
            {
                models[fold] = new EnvironmentModel(scenario, new HybridOptions().Model, seed + fold);
                for (var i = 0; i < samples.Count; i++)
                {
                    if (i % Folds != fold)
                    {
                        models[fold].Add(samples[i].Context, samples[i].Action, samples[i].Outcome);
                    }
                }

                models[fold].Fit(FitSteps(samples.Count));
                fitted?.Invoke(fold + 1);
            }
        }
        catch
        {
            Dispose(models);
            throw;
        }

        return new CrossFittedRewardModel(scenario, models);
    }

    /// <summary>
    /// The predicted reward of each query's action on its sample (by index into the fitted samples), each by the model
    /// fitted without that sample; one forward pass per fold and chunk.
    /// </summary>
    public double[] Rewards(IReadOnlyList<(int Index, Observation Context, int Action)> queries)
    {
        const int chunk = 4_096;
        var rewards = new double[queries.Count];
        for (var fold = 0; fold < Folds; fold++)
        {
            var model = _models[fold];
            var mine = Enumerable.Range(0, queries.Count).Where(q => queries[q].Index % Folds == fold).ToList();
            var inputs = new float[chunk * model.InputLength];
            var predictions = new OutcomePrediction[chunk];
            for (var start = 0; start < mine.Count; start += chunk)
            {
                var count = Math.Min(chunk, mine.Count - start);
                for (var k = 0; k < count; k++)
                {
                    var (_, context, action) = queries[mine[start + k]];
                    model.Encode(context, action, inputs.AsSpan(k * model.InputLength, model.InputLength));
                }

                model.Predict(inputs, count, predictions);
                for (var k = 0; k < count; k++)
                {
                    var (_, context, action) = queries[mine[start + k]];
                    var variant = _scenario.Catalog[_actions.Decode(action).Variant];
                    rewards[mine[start + k]] = Reward.Of(predictions[k].WithAccuracy(variant.Top1), context, _scenario.Reward);
                }
            }
        }

        return rewards;
    }

    public void Dispose() => Dispose(_models);

    private static void Dispose(EnvironmentModel?[] models)
    {
        foreach (var model in models)
        {
            model?.Dispose();
        }
    }
}
