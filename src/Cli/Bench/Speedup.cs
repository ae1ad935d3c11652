using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>How many times fewer real interactions the hybrid agent needed to hold 0.95 than a baseline (medians), in one score loop.</summary>
/// <param name="Ratio">Baseline median / hybrid median; null when the hybrid median is 0 (held from the start).</param>
/// <param name="LowerBound">Some baseline seed never converged and was counted as the maximum.</param>
/// <param name="HybridConverged">Every hybrid seed converged (otherwise the ratio is no bound at all).</param>
internal sealed record Speedup(string Baseline, ScoreLoop Loop, double? Ratio, bool LowerBound, bool HybridConverged);
