namespace EdgeControl.Web.Dashboard.WhatIf;

/// <summary>
/// One placement of a request with the variant the policy chose, and what it was predicted to cost.
/// <paramref name="Spread"/> is the learned model's uncertainty (std of log latency across its members); null for the twin's expectation.
/// </summary>
public sealed record WhatIfPlacement(string Target, string Tier, double LatencyMs, double EnergyJ, double Reward, double? Spread, bool Chosen);
