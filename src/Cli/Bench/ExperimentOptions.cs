namespace EdgeControl.Cli.Bench;

/// <summary>What <c>bench convergence</c> was asked to run.</summary>
/// <param name="Sweep">Tune each baseline over its documented grid before the main runs.</param>
/// <param name="Jobs">Training runs (child processes) at a time.</param>
/// <param name="StopWhenHeld">End a main run once it holds this score (null: every run goes to <paramref name="MaxInteractions"/>).</param>
internal sealed record ExperimentOptions(
    string ScenarioPath,
    IReadOnlyList<string> Agents,
    int Seeds,
    long MaxInteractions,
    long EvaluateEvery,
    bool Sweep,
    int Jobs,
    double? StopWhenHeld = null);
