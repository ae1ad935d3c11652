namespace EdgeControl.Web.Dashboard;

/// <summary>What the dashboard reads besides the live run; section <c>Dashboard</c>.</summary>
internal sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// Where <c>edgecontrol bench convergence</c> wrote its results (one folder per scenario with curves.csv and
    /// results.json); a relative path is resolved against the content root (src/Web under ./run.sh and tests).
    /// </summary>
    public string ResultsDirectory { get; set; } = Path.Combine("..", "..", "docs", "results");
}
