namespace EdgeControl.Agents.Learning;

/// <summary>
/// A decision a learner serves: the <paramref name="Action"/> taken, the <paramref name="Greedy"/> action it would
/// take without exploring (both among the allowed actions), and the <paramref name="Probability"/> with which its
/// policy takes <paramref name="Action"/> for this request now (1 when greedy), so a logged decision can be weighed
/// off-policy.
/// </summary>
public sealed record ServedAction(int Action, int Greedy, double Probability)
{
    public bool Explored => Action != Greedy;
}
