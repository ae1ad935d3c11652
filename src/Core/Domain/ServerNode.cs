namespace EdgeControl.Core.Domain;

/// <summary>An edge or cloud server users can offload to.</summary>
/// <param name="BackgroundLoad">Mean number of requests from outside the scenario in flight on it (Poisson).</param>
public sealed record ServerNode(string Name, NodeProfile Profile, double BackgroundLoad)
{
    public Tier Tier => Profile.Tier;
}
