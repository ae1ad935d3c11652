namespace EdgeControl.Web.DeviceHub;

/// <summary>Heartbeats, and outcome batching of the device hub (section <c>DeviceHub</c>).</summary>
internal sealed class DeviceHubOptions
{
    public const string SectionName = "DeviceHub";

    /// <summary>How often a device is expected to heartbeat (the device agent's default is the same).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Heartbeat intervals a device may miss before it is offline and gets no decisions.</summary>
    public int MissedHeartbeats { get; set; } = 3;

    /// <summary>Longest time a reported outcome waits for more rows before its batch is written.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// A device acknowledged less than this ago hears its next acknowledgement when this has passed (covering all that
    /// was settled meanwhile) rather than at once. Zero: every batch acknowledged at once.
    /// </summary>
    public TimeSpan AcknowledgeAtMostEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Rows written by one COPY at most.</summary>
    public int MaxBatchRows { get; set; } = 2000;

    /// <summary>
    /// Outcomes received and not yet stored that the control plane holds (about 1 KB each) while the database is
    /// away; past this a device's report is refused with "keep them and send later", and the device slows down.
    /// </summary>
    public int OutcomeQueueCapacity { get; set; } = 100_000;

    /// <summary>How long a decision waits for its outcome before it is forgotten (the outcome is still stored, without its context, so no learner replays it).</summary>
    public TimeSpan PendingDecisionTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Hub connections one device may hold at once; the next is refused (429) until one closes.</summary>
    public int MaxConnectionsPerDevice { get; set; } = 4;

    /// <summary>
    /// Whether devices get the learner's exploring decisions (live mode, when the orchestrator learns from devices)
    /// or its greedy ones (the default: the orchestrator learns on the twin, and devices are served its best policy).
    /// Exploring costs a second forward pass per decision.
    /// </summary>
    public bool Explore { get; set; }

    /// <summary>A device counts as online while its last heartbeat is at most this old.</summary>
    public TimeSpan OfflineAfter => HeartbeatInterval * MissedHeartbeats;
}
