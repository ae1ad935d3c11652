namespace EdgeControl.Cli.OffPolicy;

/// <summary>What a candidate policy does on one logged request: its actions with their probabilities, and the importance weight of the logged action.</summary>
internal sealed record CandidateChoice(IReadOnlyList<(int Action, double Probability)> Actions, double Weight)
{
    /// <summary>Whether the candidate could have taken the logged action (its weight is positive).</summary>
    public bool Matches => Weight > 0;
}
