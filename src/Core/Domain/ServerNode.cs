namespace EdgeControl.Core.Domain;

/// <summary>An edge or cloud server users can offload to.</summary>
/// <param name="BackgroundLoad">Mean number of requests from outside the scenario in flight on it (Poisson).</param>
/// <param name="Reachable">
/// False once the server is gone (an environment shift removed it): it keeps its place among the actions and
/// observations, so a learner's input shape does not change, but requests sent to it are lost
/// (<see cref="Simulation.Physics.Execute"/>).
/// </param>
public sealed record ServerNode(string Name, NodeProfile Profile, double BackgroundLoad, bool Reachable = true)
{
    public Tier Tier => Profile.Tier;
}
