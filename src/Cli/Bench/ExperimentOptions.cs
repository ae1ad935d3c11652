namespace EdgeControl.Cli.Bench;

/// <summary>What <c>bench convergence</c> was asked to run.</summary>
/// <param name="Sweep">Tune each baseline over its documented grid before the main runs.</param>
/// <param name="Jobs">Training runs (child processes) at a time.</param>
/// <param name="StopWhenHeld">End a main run once it holds this score (null: every run goes to <paramref name="MaxInteractions"/>).</param>
/// <param name="Shift">The environment changes during every run (<c>bench adaptation</c>); null: never.</param>
/// <param name="Settings">Without a sweep, the setting ("default" or a sweep index) of each agent named here; the others run at their default.</param>
internal sealed record ExperimentOptions(
    string ScenarioPath,
    IReadOnlyList<string> Agents,
    int Seeds,
    long MaxInteractions,
    long EvaluateEvery,
    bool Sweep,
    int Jobs,
    double? StopWhenHeld = null,
    ScheduledShift? Shift = null,
    IReadOnlyDictionary<string, string>? Settings = null);
