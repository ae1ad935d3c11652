namespace EdgeControl.Web.Dashboard;

/// <summary>The latest convergence experiment of one scenario, as committed under the results directory.</summary>
public sealed record ConvergenceExperiment(string Scenario, IReadOnlyList<BaselineCurve> Curves, IReadOnlyList<BaselineSummary> Summaries);
