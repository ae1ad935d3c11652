using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// How the device's offloads went, for the progress line: answered, where their time went on average (sending the
/// input, waiting in the worker's queue, computing there, and the rest: round trips, HTTP, both sides' scheduling), and
/// lost by cause. Each cause is also written once per worker the first time it happens (<see cref="FirstOf"/>), so a
/// worker that is down for minutes is one line, not one per request.
/// </summary>
internal sealed class OffloadCounters
{
    private readonly ConcurrentDictionary<OffloadFailure, long> _lost = new();
    private readonly ConcurrentDictionary<(string Worker, OffloadFailure Failure), bool> _seen = new();
    private readonly Lock _times = new();
    private long _answered;
    private double _totalMs;
    private double _sendingMs;
    private double _queueMs;
    private double _computeMs;

    public long Answered => Interlocked.Read(ref _answered);

    public long Lost(OffloadFailure failure) => _lost.GetValueOrDefault(failure);

    /// <param name="totalMs">From sending the first byte to the answer.</param>
    /// <param name="sendingMs">Of which sending the input (<see cref="UplinkTime"/>).</param>
    /// <param name="queueMs">Of which waiting for a slot at the worker, as it reports.</param>
    /// <param name="computeMs">Of which the worker's forward pass, as it reports.</param>
    public void CountAnswer(double totalMs, double sendingMs, double queueMs, double computeMs)
    {
        lock (_times)
        {
            _answered++;
            _totalMs += totalMs;
            _sendingMs += sendingMs;
            _queueMs += queueMs;
            _computeMs += computeMs;
        }
    }

    /// <summary>Every cause by its camelCase name (<c>refused</c>, <c>timeout</c>, ...), zeros included, for the stats file.</summary>
    public IReadOnlyDictionary<string, long> LostByCause() =>
        Enum.GetValues<OffloadFailure>().ToDictionary(f => JsonNamingPolicy.CamelCase.ConvertName(f.ToString()), Lost);

    /// <summary>Counts a lost request; true when it is the first of its cause at <paramref name="worker"/>.</summary>
    public bool FirstOf(string worker, OffloadFailure failure)
    {
        _lost.AddOrUpdate(failure, 1, (_, n) => n + 1);
        return _seen.TryAdd((worker, failure), true);
    }

    /// <summary>
    /// e.g. "offloads: 120 answered in 33.1 ms on average (sending 8.2, worker queue 0.4, worker compute 12.0, the rest
    /// 12.5), 7 lost (Refused 5, Timeout 2)".
    /// </summary>
    public override string ToString()
    {
        var line = new StringBuilder();
        lock (_times)
        {
            line.Append(CultureInfo.InvariantCulture, $"offloads: {_answered} answered");
            if (_answered > 0)
            {
                var n = (double)_answered;
                line.Append(CultureInfo.InvariantCulture,
                    $" in {_totalMs / n:0.0} ms on average (sending {_sendingMs / n:0.0}, worker queue {_queueMs / n:0.0}, worker compute {_computeMs / n:0.0}, the rest {(_totalMs - _sendingMs - _queueMs - _computeMs) / n:0.0})");
            }
        }

        var lost = _lost.Where(c => c.Value > 0).OrderBy(c => c.Key).ToList();
        if (lost.Count > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $", {lost.Sum(c => c.Value)} lost (");
            line.AppendJoin(", ", lost.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));
            line.Append(')');
        }

        return line.ToString();
    }
}
