using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Web.Training;

/// <summary>
/// Everything one training run learns with, stored with the run (training_runs.options) so a run resumed after a
/// restart keeps its own settings even when the configuration changed since.
/// </summary>
/// <param name="Mode">
/// <see cref="TwinMode"/>: learns on the digital twin (and from any connected device's outcomes too);
/// <see cref="LiveMode"/>: learns only from connected devices' outcomes, and devices get exploring decisions.
/// </param>
/// <param name="WarmStartFrom">The run whose latest checkpoint this run started from; null for a fresh start.</param>
/// <param name="ClosedLoop">
/// Size of each evaluation's closed-loop score, kept with the run so its curve measures the same way after a restart;
/// null (runs stored before it) is <see cref="ClosedLoopOptions.Default"/>.
/// </param>
/// <param name="LongestEvaluationInterval">
/// The longest interval the evaluation schedule grows to (see <see cref="OrchestratorOptions.LongestEvaluationInterval"/>);
/// runs stored before it get the default.
/// </param>
internal sealed record RunSettings(
    string Agent,
    string ScenarioPath,
    long Seed,
    double StepsPerSecond,
    long EvaluateEvery,
    long CheckpointEvery,
    string Mode = RunSettings.TwinMode,
    Guid? WarmStartFrom = null,
    ClosedLoopOptions? ClosedLoop = null,
    long LongestEvaluationInterval = EvaluationSchedule.DefaultLongestInterval)
{
    public const string TwinMode = "twin";
    public const string LiveMode = "live";

    public static IReadOnlyList<string> Modes { get; } = [TwinMode, LiveMode];

    [JsonIgnore]
    public bool IsLive => Mode == LiveMode;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RunSettings From(OrchestratorOptions options) => new(
        options.Agent, options.ScenarioPath, options.Seed, options.StepsPerSecond, options.EvaluateEvery, options.CheckpointEvery, options.Mode,
        ClosedLoop: options.ClosedLoop.ToOptions(), LongestEvaluationInterval: options.LongestEvaluationInterval);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The stored settings, or <paramref name="fallback"/> for runs stored before settings were (or with unreadable ones).</summary>
    public static RunSettings FromJson(string json, RunSettings fallback)
    {
        try
        {
            return JsonSerializer.Deserialize<RunSettings>(json, Json) is { Agent.Length: > 0, ScenarioPath.Length: > 0 } settings
                ? settings
                : fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }
}
