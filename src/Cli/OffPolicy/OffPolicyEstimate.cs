namespace EdgeControl.Cli.OffPolicy;

/// <summary>
/// What the decision log says about a candidate policy's mean reward per request, on the requests that were logged.
/// </summary>
/// <param name="Rows">Logged decisions used (with a request context and an action probability).</param>
/// <param name="Matched">Of them, those whose logged action the candidate could have taken (positive importance weight).</param>
/// <param name="EffectiveSampleSize">Kish's (sum of weights)^2 / (sum of squared weights): how many equally weighted rows the estimate is worth.</param>
/// <param name="Logged">The logging policy's own mean reward (on-policy).</param>
/// <param name="Ips">Inverse propensity scoring: the mean of weight x reward.</param>
/// <param name="SelfNormalisedIps">Weighted mean of the reward (sum of weight x reward over sum of weights); its interval by the delta method.</param>
/// <param name="DoublyRobust">The model's predicted reward of the candidate's actions, corrected by weight x (reward - the model's prediction of the logged action).</param>
internal sealed record OffPolicyEstimate(
    string Policy,
    int Rows,
    int Matched,
    double EffectiveSampleSize,
    ConfidenceInterval Logged,
    ConfidenceInterval Ips,
    ConfidenceInterval SelfNormalisedIps,
    ConfidenceInterval DoublyRobust);
