using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Telemetry;

/// <summary>
/// Which decisions have had their outcome reported, and under which of the device's sequence numbers, for as long as
/// an outcome of them is accepted at all (<see cref="OutcomeOptions.DecisionWindow"/> after issue): the same sequence
/// again is a re-send (stored once by the decision log's (node, sequence) index), another sequence for the same
/// request is a second report and refused. Older decisions are refused by their ticket's age, so nothing older is kept.
/// Filled at start-up from what <c>decision_log</c> received within the window (<see cref="ReportedDecisionsLoader"/>),
/// so a restart does not open a second chance.
/// </summary>
internal sealed class ReportedDecisions(IOptions<OutcomeOptions> options, TimeProvider clock)
{
    /// <summary>Forgetting walks every entry: once a minute is often enough to bound the memory by the window.</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(Guid NodeId, string RequestId), Report> _reports = new();
    private long _nextSweep = long.MinValue;

    /// <summary>Decisions remembered now.</summary>
    public int Count => _reports.Count;

    /// <summary>
    /// Records that <paramref name="sequence"/> reports the decision of (<paramref name="nodeId"/>,
    /// <paramref name="requestId"/>), unless another sequence did before; returns the sequence that reported it first.
    /// </summary>
    public long Claim(Guid nodeId, string requestId, long sequence, DateTimeOffset issuedAt)
    {
        SweepWhenDue();
        return _reports.GetOrAdd((nodeId, requestId), new Report(sequence, issuedAt)).Sequence;
    }

    /// <summary>
    /// A decision reported before this process started (read back from <c>decision_log</c>), so it is refused a second
    /// report after a restart too. Its issue time is not stored; the time received is later, so it is kept long enough.
    /// </summary>
    public void Remember(Guid nodeId, string requestId, long sequence, DateTimeOffset receivedAt) =>
        _reports.TryAdd((nodeId, requestId), new Report(sequence, receivedAt));

    private void SweepWhenDue()
    {
        var now = clock.GetUtcNow();
        var due = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweep, (now + SweepEvery).UtcTicks, due) != due)
        {
            return;
        }

        var cutoff = now - options.Value.DecisionWindow;
        // Off the reporting thread: with a busy fleet the walk covers a window's worth of decisions.
        _ = Task.Run(() =>
        {
            foreach (var entry in _reports)
            {
                if (entry.Value.IssuedAt < cutoff)
                {
                    _reports.TryRemove(entry);
                }
            }
        });
    }

    private sealed record Report(long Sequence, DateTimeOffset IssuedAt);
}
