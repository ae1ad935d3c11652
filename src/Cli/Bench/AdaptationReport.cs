namespace EdgeControl.Cli.Bench;

/// <summary>The results of <c>bench adaptation</c>: per agent, how it recovered after the shift; the non-learning policies in the changed environment.</summary>
/// <param name="Shift">The shift as written on the command line.</param>
/// <param name="At">The real step after which the environment changed.</param>
/// <param name="RecoverWithin">Real interactions after the shift each run had at most to recover.</param>
internal sealed record AdaptationReport(
    string Scenario,
    string Shift,
    long At,
    int Seeds,
    long RecoverWithin,
    IReadOnlyList<AdaptationSummary> Agents,
    IReadOnlyList<NonLearningScore> NonLearningAfter)
{
    public static AdaptationReport Build(string scenario, ScheduledShift shift, int seeds, long recoverWithin, IReadOnlyList<AgentRuns> runs, IReadOnlyList<NonLearningScore> nonLearningAfter)
    {
        ArgumentNullException.ThrowIfNull(shift);
        ArgumentNullException.ThrowIfNull(runs);
        return new AdaptationReport(scenario, shift.Text, shift.At, seeds, recoverWithin,
            runs.Select(r => AdaptationSummary.From(r, shift.At, recoverWithin)).ToList(), nonLearningAfter);
    }
}
