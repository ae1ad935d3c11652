namespace EdgeControl.Agents.Learning;

/// <summary>Exploration rate decaying linearly from <paramref name="Start"/> to <paramref name="End"/> over <paramref name="DecaySteps"/> real steps.</summary>
public sealed record EpsilonSchedule(double Start, double End, long DecaySteps)
{
    public double At(long step) =>
        step >= DecaySteps ? End : Start + (End - Start) * step / DecaySteps;
}
