using System.Diagnostics;
using System.Runtime.InteropServices;
using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Training;

/// <summary>One run of <see cref="Trainer"/>: its environment, counters and schedule while it learns.</summary>
internal sealed class TrainingRun
{
    private readonly ILearner _learner;
    private readonly TrainingOptions _options;
    private readonly TrainingHooks _hooks;
    private readonly EvaluationSchedule _schedule;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<CurvePoint> _curve = [];
    private readonly List<Experience> _batch = [];
    private readonly double _wallBefore;
    private readonly EdgeCloudTwin _twin;
    private PolicyEvaluation _evaluation;
    private Observation _request;
    private long _step;
    private double _regret;
    private long _violations;
    private long _nextEvaluation;
    private long _nextCheckpoint;
    private long _lastCheckpoint;
    private bool _converged;
    private long _scheduleOrigin;
    private int _curveFrom;

    public TrainingRun(ILearner learner, PolicyEvaluation evaluation, TrainingOptions options, TrainingHooks hooks)
    {
        _learner = learner;
        _options = options;
        _hooks = hooks;
        _schedule = options.Schedule;
        var from = options.ResumeFrom ?? TrainingCounters.Start;
        (_step, _regret, _violations, _wallBefore) = (from.RealInteractions, from.CumulativeRegret, from.Violations, from.WallSeconds);
        _evaluation = evaluation;
        _twin = new EdgeCloudTwin(evaluation.Scenario);
        // A resumed run continues on a fresh stream of requests: the twin's state is not part of a checkpoint.
        _request = _twin.Reset(options.Seed + _step);
        _nextEvaluation = _schedule.NextAfter(_step);
        _nextCheckpoint = NextCheckpointAfter(_step);
        _lastCheckpoint = _step;
    }

    private TrainingCounters Counters => new(_step, _regret, _violations, _wallBefore + _clock.Elapsed.TotalSeconds);

    public TrainingResult Run(CancellationToken stop)
    {
        if (_options.EvaluatesAtStart)
        {
            _converged = Evaluate();
        }

        while (!_converged && !stop.IsCancellationRequested && _step < _options.MaxInteractions)
        {
            // The fleet's outcomes first: real interactions the policy has already paid for.
            var learnedOutside = _hooks.Experiences is { } source && LearnFromOutside(source, stop);
            if (!_options.ActsOnTwin)
            {
                if (!learnedOutside)
                {
                    _hooks.Experiences!.WaitForExperiences(stop);
                }

                continue;
            }

            if (_converged || _step >= _options.MaxInteractions)
            {
                break;
            }

            _hooks.PaceTwinStep?.Invoke(stop);
            if (!stop.IsCancellationRequested)
            {
                StepTwin();
            }
        }

        if (_hooks.Checkpoint is { } checkpoint && _step > _lastCheckpoint)
        {
            checkpoint(Counters);
        }

        return new TrainingResult(_learner.Name, _curve, _clock.Elapsed.TotalSeconds);
    }

    private void StepTwin()
    {
        var request = _request;
        var action = _learner.Act(request, explore: true);
        var result = _twin.Step(action);
        _hooks.TwinStepped?.Invoke(new TwinStep(_step + 1, request, _twin.Actions.Decode(action), result.Outcome));
        _request = result.Next;
        Charge(request, action, result.Outcome);
        _learner.Learn(new Experience(request, action, result.Outcome, result.Reward, result.Next));
        Learned(1);
    }

    /// <returns>Whether a batch was learned from.</returns>
    /// <remarks>
    /// A drained batch is learned from even when <paramref name="stop"/> was set meanwhile: the source counts it as
    /// taken (the run's last checkpoint records that), so dropping it would lose it.
    /// </remarks>
    private bool LearnFromOutside(IExperienceSource source, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        _batch.Clear();
        source.DrainInto(_batch);
        if (_batch.Count == 0)
        {
            return false;
        }

        foreach (var experience in _batch)
        {
            Charge(experience.Request, experience.Action, experience.Outcome);
        }

        _learner.Learn(CollectionsMarshal.AsSpan(_batch));
        Learned(_batch.Count);
        _hooks.PaceBatch?.Invoke(Stopwatch.GetElapsedTime(started), stop);
        return true;
    }

    private void Charge(Observation request, int action, Outcome outcome)
    {
        _regret += OraclePolicy.Regret(_evaluation.Scenario, request, action);
        _violations += outcome.MissesRequirementsOf(request) ? 1 : 0;
    }

    /// <summary>Counts <paramref name="count"/> real interactions just learned from, then takes what fell due among them once.</summary>
    private void Learned(int count)
    {
        var before = _step;
        _step += count;
        _hooks.Learned?.Invoke(_step);
        var changed = _options.Change is { } change && before < change.AtStep && change.AtStep <= _step;
        if (changed)
        {
            ChangeEnvironment(_options.Change!.Changed);
        }

        if (changed || _step >= _nextEvaluation)
        {
            _converged = Evaluate();
            _nextEvaluation = _scheduleOrigin + _schedule.NextAfter(_step - _scheduleOrigin);
        }

        if (_step >= _nextCheckpoint)
        {
            _hooks.Checkpoint?.Invoke(Counters);
            _lastCheckpoint = _step;
            _nextCheckpoint = NextCheckpointAfter(_step);
        }
    }

    /// <summary>
    /// The twin goes on in the changed scenario (users, clock and queues kept); regret, scores and convergence are
    /// measured against the changed environment's oracle from here, on a schedule counted from this step.
    /// </summary>
    private void ChangeEnvironment(Scenario changed)
    {
        _twin.ChangeTo(changed);
        _request = _twin.Current;
        _evaluation = PolicyEvaluation.Create(changed, _evaluation.ClosedLoop.Options);
        _scheduleOrigin = _step;
        _curveFrom = _curve.Count;
    }

    /// <returns>Whether the run has held <see cref="TrainingOptions.StopAfterConvergedAt"/> and may stop.</returns>
    private bool Evaluate()
    {
        var scores = _evaluation.Score(_learner.ActGreedy);
        var loss = _learner is IReportsLoss reports ? reports.LastLoss : double.NaN;
        var counters = Counters;
        var point = new CurvePoint(_step, scores.OpenLoop, counters.WallSeconds, _regret, _violations, loss, scores.ClosedLoop);
        if (_options.KeepsCurve || _options.StopAfterConvergedAt is not null)
        {
            _curve.Add(point);
        }

        _hooks.Evaluated?.Invoke(point);
        // Both scores must have held the target: a run stopped earlier would leave the other one's convergence unknown.
        // A change still to come has not been recovered from; after one, only its environment's scores count.
        var since = _curve.GetRange(_curveFrom, _curve.Count - _curveFrom);
        return _options.StopAfterConvergedAt is { } target
            && (_options.Change is not { } change || _step >= change.AtStep)
            && Convergence.InteractionsTo(since, target, ScoreLoop.Closed) is not null
            && Convergence.InteractionsTo(since, target, ScoreLoop.Open) is not null;
    }

    private long NextCheckpointAfter(long step) =>
        _options.CheckpointEvery is { } every and > 0 ? (step / every + 1) * every : long.MaxValue;
}
