using EdgeControl.Core.Domain;
using EdgeControl.Web.Resilience;

namespace EdgeControl.Web.Training;

/// <summary>
/// The decision log as the experience stream: opens the <see cref="DecisionLogFollower"/> a training run learns from
/// and counts, across runs, what the followers read, handed to learners and skipped (for <c>/metrics</c>).
/// </summary>
internal sealed class DecisionLogStream(DecisionLogReader reader, DatabaseRetry retry, TimeProvider clock, ILoggerFactory loggers)
{
    /// <summary>Who reads, for the log line that opens a database outage.</summary>
    public const string Name = "decision log follower";

    private long _rowsRead;
    private long _experiences;
    private long _otherScenario;
    private long _noContext;

    /// <summary>Decision-log rows read by the followers since start.</summary>
    public long RowsRead => Interlocked.Read(ref _rowsRead);

    /// <summary>Experiences handed to learners since start.</summary>
    public long Experiences => Interlocked.Read(ref _experiences);

    /// <summary>Rows skipped: decided on another scenario than the run's, or not fitting it.</summary>
    public long SkippedOtherScenario => Interlocked.Read(ref _otherScenario);

    /// <summary>Rows skipped: stored without their decision's context.</summary>
    public long SkippedNoContext => Interlocked.Read(ref _noContext);

    /// <summary>
    /// A follower for a run on <paramref name="scenario"/> starting at <paramref name="from"/> (a checkpoint's horizon),
    /// or at the horizon when it starts (null: a fresh run).
    /// </summary>
    public DecisionLogFollower Open(Scenario scenario, ulong? from) =>
        new(reader, scenario, from, retry, this, clock, loggers.CreateLogger<DecisionLogFollower>());

    internal void Read(int rows, int experiences, long otherScenario, long noContext)
    {
        Interlocked.Add(ref _rowsRead, rows);
        Interlocked.Add(ref _experiences, experiences);
        Interlocked.Add(ref _otherScenario, otherScenario);
        Interlocked.Add(ref _noContext, noContext);
    }
}
