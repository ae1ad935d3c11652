using EdgeControl.Agents.Dqn;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Model;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;
using EdgeControl.Web.Workers;

namespace EdgeControl.Web.Decisions;

/// <summary>
/// Answers placement questions from devices with a serving copy of the current run's policy, or with a fixed policy
/// while an admin has one serving (<see cref="Serve"/>). The orchestrator publishes a fresh copy after every
/// evaluation, so deciding never waits for (nor races with) the learning thread. A server whose registered worker is
/// offline is masked out of every decision (<see cref="WorkerRegistry.AllowedActions"/>). A learner that can freeze its
/// policy (<see cref="IFreezablePolicy"/>: the Q-network learners) is published as its <see cref="ServingSnapshot"/>
/// and served from it without a lock, from every hub thread at once; no copy of the learner is kept. Others (the
/// tabular learner: a copy of it, or a fixed policy) decide under one lock. A run's frozen policies are served as the
/// average of its recent ones (<see cref="ServingAverage"/>).
/// </summary>
public sealed class DecisionService(WorkerRegistry workers, TimeProvider? clock = null) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly ServingAverage _average = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private Scenario? _scenario;
    private ActionSpace? _actions;
    /// <summary>A learner that cannot freeze (it decides under the lock); null when a snapshot is published.</summary>
    private ILearner? _policy;
    private bool _exploring;
    private string _servingName = ServingPolicies.Learned;
    private IPolicy? _fixed;
    private FrozenQPolicy? _frozen;
    private IOutcomePredictor? _predictor;

    /// <summary>What decides without the lock now; null while a fixed policy serves or the learner cannot freeze.</summary>
    private volatile LockFreeServing? _lockFree;

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

    /// <summary>Who decides now: <see cref="ServingPolicies.Learned"/>, <see cref="ServingPolicies.LearnedGreedy"/> or a fixed policy's name.</summary>
    public string ServingPolicy
    {
        get
        {
            lock (_lock)
            {
                return _servingName;
            }
        }
    }

    /// <summary>
    /// Replaces the serving policy with a copy of a learner; the service owns <paramref name="policy"/> from now on.
    /// One that can freeze (<see cref="IFreezablePolicy"/>) is served from its <see cref="ServingSnapshot"/>, taken
    /// here, and disposed at once; one that cannot is kept and decides under the lock.
    /// <paramref name="exploring"/>: every decision explores as the learner's schedule says (live mode learns from them).
    /// <paramref name="lineage"/>: the run it comes from, whose recent publications are averaged; null: served alone.
    /// </summary>
    public void Publish(Scenario scenario, ILearner policy, bool exploring = false, ServingLineage? lineage = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy is IFreezablePolicy freezable)
        {
            // On the publishing thread, before any device is answered from it.
            var snapshot = freezable.Snapshot();
            (policy as IDisposable)?.Dispose();
            Publish(scenario, snapshot, exploring, lineage);
            return;
        }

        Replace(scenario, policy, frozen: null, policy as IOutcomePredictor, exploring, lineage);
    }

    /// <summary>
    /// Replaces the serving policy with a learner's frozen <paramref name="snapshot"/>, taken on the learner's own thread
    /// (the orchestrator publishes its live learner's): decisions come from its policy (averaged with the run's recent
    /// ones when <paramref name="lineage"/> is given, as for a learner), outcome predictions from its model.
    /// </summary>
    public void Publish(Scenario scenario, ServingSnapshot snapshot, bool exploring = false, ServingLineage? lineage = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(snapshot);
        Replace(scenario, policy: null, snapshot.Policy, snapshot.Model, exploring, lineage);
    }

    private void Replace(Scenario scenario, ILearner? policy, FrozenQPolicy? frozen, IOutcomePredictor? predictor, bool exploring, ServingLineage? lineage)
    {
        ILearner? old;
        lock (_lock)
        {
            old = _policy;
            if (!ReferenceEquals(_scenario, scenario))
            {
                _fixed = FixedFor(_servingName, scenario);
                _servingName = _fixed?.Name ?? (_servingName == ServingPolicies.LearnedGreedy ? _servingName : ServingPolicies.Learned);
            }

            _scenario = scenario;
            _actions = new ActionSpace(scenario);
            _policy = policy;
            if (frozen is null || lineage is null)
            {
                _average.Clear();
                _frozen = frozen;
            }
            else
            {
                _frozen = _average.Add(lineage, frozen, _clock.GetUtcNow());
            }

            _predictor = predictor;
            _exploring = exploring;
            UpdateLockFree();
        }

        if (old is not null && !ReferenceEquals(old, policy))
        {
            (old as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Lets <paramref name="name"/> decide from now on: <see cref="ServingPolicies.Learned"/>,
    /// <see cref="ServingPolicies.LearnedGreedy"/> (the learner, never exploring) or a fixed policy of
    /// <see cref="ServingPolicies.For"/> the current scenario (the caller checks the name). Before a scenario is
    /// published only <see cref="ServingPolicies.Learned"/> takes effect at once; a fixed one is built with it.
    /// </summary>
    public void Serve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            _fixed = _scenario is null ? null : FixedFor(name, _scenario);
            _servingName = _scenario is null || _fixed is not null || name == ServingPolicies.LearnedGreedy ? name : ServingPolicies.Learned;
            UpdateLockFree();
        }
    }

    /// <summary>
    /// A decision for <paramref name="request"/> among the actions allowed now: the fixed policy's while one serves, or
    /// the learner's, greedy, or exploring as its schedule says when <paramref name="explore"/> is set or the policy was
    /// published as exploring (live mode), unless <see cref="ServingPolicies.LearnedGreedy"/> serves (always greedy). Throws <see cref="InvalidOperationException"/> before a policy is published.
    /// </summary>
    public PlacementDecision Decide(string requestId, Observation request, bool explore)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_lockFree is { } serving)
        {
            var allowedNow = workers.AllowedActions(serving.Scenario, serving.Actions);
            var exploring = serving.ServedBy != ServingPolicies.LearnedGreedy && (explore || serving.Exploring);
            return Placement(requestId, request, serving.Scenario, serving.Actions, serving.Policy.Serve(request, exploring, allowedNow), serving.ServedBy);
        }

        lock (_lock)
        {
            if ((_policy is null && _frozen is null) || _scenario is null || _actions is null)
            {
                throw new InvalidOperationException("No policy to decide with yet: the orchestrator has not published one.");
            }

            var allowed = workers.AllowedActions(_scenario, _actions);
            var exploring = _servingName != ServingPolicies.LearnedGreedy && (explore || _exploring);
            ServedAction served;
            if (_fixed is null)
            {
                // The frozen policy only when a publication came between the lock-free check above and this lock.
                served = _frozen is not null ? _frozen.Serve(request, exploring, allowed) : _policy!.Serve(request, exploring, allowed);
            }
            else
            {
                var action = Fixed(_fixed.Decide(request), allowed);
                served = new ServedAction(action, action, Probability: 1);
            }

            return Placement(requestId, request, _scenario, _actions, served, _servingName);
        }
    }

    /// <summary>
    /// What the serving policy's learned environment model predicts for each of <paramref name="actions"/> on
    /// <paramref name="request"/>, or null when the serving policy has no fitted model (a learner without one, or a
    /// hybrid agent before its first fit) or none is published. From the snapshot's frozen copy of the model, or under
    /// the deciding lock from a learner copy's: never from the learning thread's own model.
    /// </summary>
    public OutcomePrediction[]? Predict(Observation request, IReadOnlyList<int> actions)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actions);
        lock (_lock)
        {
            if (_predictor is not { CanPredict: true } model || _actions is null || actions.Any(a => a < 0 || a >= _actions.Count))
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
            _frozen = null;
            _predictor = null;
            UpdateLockFree();
        }
    }

    private static PlacementDecision Placement(string requestId, Observation request, Scenario scenario, ActionSpace actions, ServedAction served, string servedBy)
    {
        var placement = actions.Decode(served.Action);
        var (target, tier) = placement.IsLocal
            ? (scenario.Users[request.User].Name + "-device", TierNames.Of(Tier.Device))
            : (scenario.Servers[placement.Server].Name, TierNames.Of(scenario.Servers[placement.Server].Tier));
        return new PlacementDecision(requestId, served.Action, target, tier, scenario.Catalog[placement.Variant].Name, served.Explored, served.Probability, servedBy);
    }

    /// <summary>Under the lock, after any change: the learned policy's frozen copy serves lock-free unless a fixed policy serves.</summary>
    private void UpdateLockFree() =>
        _lockFree = _frozen is not null && _fixed is null && _scenario is not null && _actions is not null
            ? new LockFreeServing(_scenario, _actions, _frozen, _exploring, _servingName)
            : null;

    /// <param name="ServedBy">The learner's serving name: <see cref="ServingPolicies.LearnedGreedy"/> never explores.</param>
    private sealed record LockFreeServing(Scenario Scenario, ActionSpace Actions, FrozenQPolicy Policy, bool Exploring, string ServedBy);

    /// <summary>
    /// A fixed policy knows no mask: when it picks a masked server (its worker is offline), the request runs on the
    /// device with the same variant, the one placement that is always there. Still the fixed policy's decision (probability 1).
    /// </summary>
    private int Fixed(int action, bool[]? allowed) =>
        allowed is null || allowed[action] ? action : _actions!.Encode(new PlacementAction(PlacementAction.Local, _actions.Decode(action).Variant));

    private static IPolicy? FixedFor(string name, Scenario scenario) =>
        !ServingPolicies.IsLearner(name) && ServingPolicies.For(scenario).Contains(name)
            ? PolicyFactory.Create(name, scenario, scenario.Seed)
            : null;
}
