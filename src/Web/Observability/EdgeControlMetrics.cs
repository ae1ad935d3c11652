using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdgeControl.Agents.Training;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Resilience;
using EdgeControl.Web.Training;

namespace EdgeControl.Web.Observability;

/// <summary>
/// The control plane's own instruments (meter <see cref="MeterName"/>), exported at <c>/metrics</c>. Events are
/// counted where they happen (decisions, hub calls); levels that
/// something else already keeps (queue depths, the learner's latest evaluation) are observed when scraped, so
/// the hot paths pay for nothing they do not already do. Names follow OpenTelemetry's conventions; the Prometheus
/// exporter adds the unit and <c>_total</c> (<c>edgecontrol_decisions_total</c>, <c>edgecontrol_decision_duration_seconds</c>).
/// </summary>
public sealed class EdgeControlMetrics : IDisposable
{
    public const string MeterName = "EdgeControl";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _decisionDuration;
    private readonly Histogram<double> _hubInvocationDuration;
    private readonly IDisposable _learning;
    private CurvePoint? _latest;
    private long _storedOverRest;
    private long _rejectedOverRest;

    internal EdgeControlMetrics(
        IMeterFactory meters,
        TrainingNotifier notifier,
        OutcomeBatcher batcher,
        DecisionLogStream log,
        DeviceConnections connections,
        DatabaseAvailability database,
        Orchestrator orchestrator)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(notifier);
        var meter = meters.Create(MeterName);

        _decisions = meter.CreateCounter<long>("edgecontrol.decisions", "{decision}", "Placement decisions answered, by target tier and source (hub, rest).");
        _decisionDuration = meter.CreateHistogram<double>("edgecontrol.decision.duration", "s", "Time to decide one request (policy forward passes included).");
        meter.CreateObservableCounter(
            "edgecontrol.outcomes.stored",
            () => BySource(batcher.Stored, Interlocked.Read(ref _storedOverRest)),
            "{outcome}",
            "Measured outcomes stored in the decision log, by source (hub, rest).");
        meter.CreateObservableCounter(
            "edgecontrol.outcomes.rejected",
            () => BySource(batcher.Rejected, Interlocked.Read(ref _rejectedOverRest)),
            "{outcome}",
            "Measured outcomes refused (a field, a ticket, or a row the database rejected), by source (hub, rest).");
        _hubInvocationDuration = meter.CreateHistogram<double>("edgecontrol.hub.invocation.duration", "s", "Time the device hub spends on one device call, by method.");

        meter.CreateObservableGauge("edgecontrol.outcomes.waiting", () => batcher.Waiting, "{outcome}", "Outcomes received and not yet stored (they wait while the database is away).");
        meter.CreateObservableCounter("edgecontrol.database.write_failures", () => database.Failures, "{failure}", "Background writes that failed because the database did not answer (each retry counts).");
        meter.CreateObservableGauge("edgecontrol.training.writes_waiting", () => orchestrator.WaitingWrites, "{write}", "Curve points, checkpoints and statuses of the current run waiting for the database.");
        meter.CreateObservableGauge("edgecontrol.database.available", () => database.IsAvailable ? 1 : 0, "1", "1 while the database answers the background writers, 0 during an outage.");
        meter.CreateObservableGauge("edgecontrol.hub.connections", () => connections.Count, "{connection}", "Open device and worker hub connections on this instance.");
        meter.CreateObservableGauge("edgecontrol.learning.share", () => orchestrator.LearnerShare, "1", "Share of its thread's time the learner takes now: 1 flat out, Orchestrator:LearnerMinimumShare while serving needs the machine, 0 when no run learns here.");
        meter.CreateObservableCounter("edgecontrol.learning.log_rows_read", () => log.RowsRead, "{row}", "Decision-log rows the trainer's follower of the log has read.");
        meter.CreateObservableCounter("edgecontrol.learning.experiences_received", () => log.Experiences, "{experience}", "Device outcomes handed to the learner from the decision log.");
        meter.CreateObservableCounter(
            "edgecontrol.learning.log_rows_skipped",
            () => new[]
            {
                new Measurement<long>(log.SkippedOtherScenario, new KeyValuePair<string, object?>("reason", "other-scenario")),
                new Measurement<long>(log.SkippedNoContext, new KeyValuePair<string, object?>("reason", "no-context")),
            },
            "{row}",
            "Decision-log rows the learner skipped: decided on another scenario than the run's, or stored without their decision's context.");
        meter.CreateObservableGauge("edgecontrol.learning.real_interactions", () => Latest(p => p.RealInteractions), "{interaction}", "Real interactions of the current run at its latest evaluation.");
        meter.CreateObservableGauge("edgecontrol.learning.closed_loop_score", () => Latest(p => p.ClosedLoopScore), "1", "Closed-loop normalised score of the greedy policy at the latest evaluation: on its own trajectories of the twin (0 random, 1 oracle).");
        meter.CreateObservableGauge("edgecontrol.learning.score", () => Latest(p => p.Score), "1", "Open-loop normalised score of the greedy policy at the latest evaluation: on the fixed evaluation set (0 random, 1 oracle).");
        meter.CreateObservableGauge("edgecontrol.learning.regret", () => Latest(p => p.CumulativeRegret), "1", "Cumulative regret of the current run at its latest evaluation.");
        meter.CreateObservableGauge("edgecontrol.learning.model_loss", () => Latest(p => p.ModelLoss), "1", "Loss of the learned environment model at the latest evaluation (0 for model-free learners).");

        _learning = notifier.Subscribe(update =>
        {
            if (update.Point is { } point)
            {
                Volatile.Write(ref _latest, point);
            }
        });
    }

    public void Decided(string tier, string source, bool explored, TimeSpan duration)
    {
        var tags = new TagList { { "tier", tier }, { "source", source }, { "explored", explored } };
        _decisions.Add(1, tags);
        _decisionDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>A telemetry batch over REST was stored (the hub's outcomes are counted by its batcher).</summary>
    public void StoredOverRest(int stored, int rejected)
    {
        Interlocked.Add(ref _storedOverRest, stored);
        Interlocked.Add(ref _rejectedOverRest, rejected);
    }

    public void HubInvoked(string method, TimeSpan duration) =>
        _hubInvocationDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("method", method));

    public void Dispose() => _learning.Dispose();

    private static Measurement<long>[] BySource(long hub, long rest) =>
    [
        new(hub, new KeyValuePair<string, object?>("source", "hub")),
        new(rest, new KeyValuePair<string, object?>("source", "rest")),
    ];

    // An observable with no measurement yet reports nothing rather than a misleading 0.
    private IEnumerable<Measurement<double>> Latest(Func<CurvePoint, double> value) =>
        Volatile.Read(ref _latest) is { } point ? [new Measurement<double>(value(point))] : [];
}
