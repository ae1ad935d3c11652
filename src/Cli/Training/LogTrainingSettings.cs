using System.Text.Json;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Training;

/// <summary>
/// The options stored with a run trained from the log (training_runs.options): the fields of the control plane's own
/// run settings, so the dashboard lists them as it lists any run's, with <see cref="Mode"/> "log" and
/// <see cref="FromLog"/> saying what it learned from. Such a run is stored stopped, so the control plane never resumes
/// it; an admin warm-starts a new run from its checkpoint.
/// </summary>
internal sealed record LogTrainingSettings(
    string Agent,
    string ScenarioPath,
    long Seed,
    long EvaluateEvery,
    ClosedLoopOptions ClosedLoop,
    LogTrainingSource FromLog)
{
    public const string LogMode = "log";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Learned from the log, not on the twin or from a live fleet.</summary>
    public string Mode { get; init; } = LogMode;

    /// <summary>Nothing was paced: no twin steps.</summary>
    public double StepsPerSecond { get; init; }

    /// <summary>One checkpoint, at the end.</summary>
    public long CheckpointEvery { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>What a run trained from the log learned from: the window, the rows used and skipped, and the passes.</summary>
internal sealed record LogTrainingSource(string Source, DateTimeOffset? Since, DateTimeOffset? Until, int RowsRead, int RowsUsed, int RowsSkipped, int Passes, int BatchSize)
{
    public const string DecisionLog = "decision log";
}
