using System.Globalization;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// One training run of the experiment: an agent at one setting on one seed, run in its own child
/// process (<c>bench run-one</c>) so TorchSharp learners never share a process.
/// </summary>
/// <param name="Setting">"default", or the index of the setting in the agent's sweep.</param>
/// <param name="Label">The setting's hyperparameters in words, for progress lines.</param>
/// <param name="StopAt">Stop once this score is held (the sweep only needs the time to 0.95; after <paramref name="Shift"/>, if any).</param>
/// <param name="Shift">The environment changes during the run (<c>bench adaptation</c>); null: never.</param>
internal sealed record TrainingJob(
    string Agent,
    string Setting,
    string Label,
    long Seed,
    long MaxInteractions,
    long EvaluateEvery,
    double? StopAt,
    bool IsSweep,
    ScheduledShift? Shift = null)
{
    public const string DefaultSetting = "default";

    public string Title => IsSweep
        ? string.Create(CultureInfo.InvariantCulture, $"sweep {Agent} #{Setting} ({Label})")
        : string.Create(CultureInfo.InvariantCulture, $"{Agent} seed {Seed}");

    /// <summary>The words after the executable that make a child process run this job.</summary>
    public IEnumerable<string> Arguments(string scenarioPath)
    {
        var c = CultureInfo.InvariantCulture;
        string[] words =
        [
            "bench", "run-one",
            "--scenario", scenarioPath,
            "--agent", Agent,
            "--setting", Setting,
            "--seed", Seed.ToString(c),
            "--max-interactions", MaxInteractions.ToString(c),
            "--eval-every", EvaluateEvery.ToString(c),
        ];
        string[] stop = StopAt is { } score ? ["--stop-at", score.ToString(c)] : [];
        string[] shift = Shift is { } change ? ["--shift", change.Text, "--shift-at", change.At.ToString(c)] : [];
        return [.. words, .. stop, .. shift];
    }
}
