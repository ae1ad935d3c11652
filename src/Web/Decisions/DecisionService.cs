using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Model;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Web.Decisions;

/// <summary>
/// Answers placement questions from devices with a serving copy of the current run's policy. The orchestrator
/// publishes a fresh copy after every evaluation, so deciding never waits for (nor races with) the learning thread.
/// </summary>
public sealed class DecisionService : IDisposable
{
    private readonly Lock _lock = new();
    private Scenario? _scenario;
    private ActionSpace? _actions;
    private ILearner? _policy;
    private bool _exploring;

    /// <summary>The scenario of the published policy, or null before the first publication.</summary>
    public Scenario? Scenario
    {
        get
        {
            lock (_lock)
            {
                return _scenario;
            }
        }
    }

    /// <summary>
    /// Replaces the serving policy; the service owns <paramref name="policy"/> from now on and disposes the old one.
    /// <paramref name="exploring"/>: every decision explores as the learner's schedule says (live mode learns from them).
    /// </summary>
    public void Publish(Scenario scenario, ILearner policy, bool exploring = false)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policy);
        ILearner? old;
        lock (_lock)
        {
            old = _policy;
            _scenario = scenario;
            _actions = new ActionSpace(scenario);
            _policy = policy;
            _exploring = exploring;
        }

        if (!ReferenceEquals(old, policy))
        {
            (old as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// A decision for <paramref name="request"/>: greedy, or exploring as the learner's schedule says when
    /// <paramref name="explore"/> is set or the policy was published as exploring (live mode). Throws <see cref="InvalidOperationException"/> before a policy is published.
    /// </summary>
    public PlacementDecision Decide(string requestId, Observation request, bool explore)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (_policy is null || _scenario is null || _actions is null)
            {
                throw new InvalidOperationException("No policy to decide with yet: the orchestrator has not published one.");
            }

            var greedy = _policy.Act(request, explore: false);
            var action = explore || _exploring ? _policy.Act(request, explore: true) : greedy;
            var placement = _actions.Decode(action);
            var (target, tier) = placement.IsLocal
                ? (_scenario.Users[request.User].Name + "-device", TierNames.Of(Tier.Device))
                : (_scenario.Servers[placement.Server].Name, TierNames.Of(_scenario.Servers[placement.Server].Tier));
            return new PlacementDecision(requestId, action, target, tier, _scenario.Catalog[placement.Variant].Name, action != greedy);
        }
    }

    /// <summary>
    /// What the serving copy's learned environment model predicts for each of <paramref name="actions"/> on
    /// <paramref name="request"/>, or null when the serving policy has no fitted model (a learner without one, or a
    /// hybrid agent before its first fit) or none is published. Under the deciding lock: the copy's networks are
    /// never used by two threads at once, and never is the learning thread's own.
    /// </summary>
    public OutcomePrediction[]? Predict(Observation request, IReadOnlyList<int> actions)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actions);
        lock (_lock)
        {
            if (_policy is not IOutcomePredictor { CanPredict: true } model || _actions is null || actions.Any(a => a < 0 || a >= _actions.Count))
            {
                return null;
            }

            return [.. actions.Select(a => model.Predict(request, a))];
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            (_policy as IDisposable)?.Dispose();
            _policy = null;
        }
    }
}
