namespace EdgeControl.Core.Simulation;

/// <summary>Where a request runs and which model variant runs it.</summary>
/// <param name="Target">0 = the user's own device; k >= 1 = the scenario's server k - 1.</param>
/// <param name="Variant">Index into the scenario's model catalog.</param>
public readonly record struct PlacementAction(int Target, int Variant)
{
    public const int Local = 0;

    public bool IsLocal => Target == Local;

    /// <summary>Index into the scenario's server list; only valid when not local.</summary>
    public int Server => Target - 1;
}
