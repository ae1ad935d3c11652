namespace EdgeControl.Web.Retention;

/// <summary>How long decision-log rows are kept and how the old ones are swept (section <c>DecisionLog</c>).</summary>
internal sealed class DecisionLogOptions
{
    public const string SectionName = "DecisionLog";

    /// <summary>Rows received longer ago than this are deleted.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Minutes between sweeps; the first runs at start-up.</summary>
    public int RetentionSweepMinutes { get; set; } = 60;

    /// <summary>Rows deleted per statement, so a sweep never holds locks (or a huge transaction) for long.</summary>
    public int RetentionBatchRows { get; set; } = 10_000;
}
