using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// How the device's offloads went, for the progress line: answered, and lost by cause. Each cause is also written once
/// per worker the first time it happens (<see cref="FirstOf"/>), so a worker that is down for minutes is one line, not
/// one per request.
/// </summary>
internal sealed class OffloadCounters
{
    private readonly ConcurrentDictionary<OffloadFailure, long> _lost = new();
    private readonly ConcurrentDictionary<(string Worker, OffloadFailure Failure), bool> _seen = new();
    private long _answered;

    public long Answered => Interlocked.Read(ref _answered);

    public long Lost(OffloadFailure failure) => _lost.GetValueOrDefault(failure);

    public void CountAnswer() => Interlocked.Increment(ref _answered);

    /// <summary>Every cause by its camelCase name (<c>refused</c>, <c>timeout</c>, ...), zeros included, for the stats file.</summary>
    public IReadOnlyDictionary<string, long> LostByCause() =>
        Enum.GetValues<OffloadFailure>().ToDictionary(f => JsonNamingPolicy.CamelCase.ConvertName(f.ToString()), Lost);

    /// <summary>Counts a lost request; true when it is the first of its cause at <paramref name="worker"/>.</summary>
    public bool FirstOf(string worker, OffloadFailure failure)
    {
        _lost.AddOrUpdate(failure, 1, (_, n) => n + 1);
        return _seen.TryAdd((worker, failure), true);
    }

    /// <summary>e.g. "offloads: 120 answered, 7 lost (Refused 5, Timeout 2)".</summary>
    public override string ToString()
    {
        var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"offloads: {Answered} answered");
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
