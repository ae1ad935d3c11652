using EdgeControl.Cli.Bench;

namespace EdgeControl.Cli.Plots;

/// <summary>The learning-curve picture of an experiment as <c>bench convergence</c> and <c>bench plot</c> write it: curves.svg and curves.png.</summary>
internal static class LearningCurveFiles
{
    public static readonly string[] Names = ["curves.svg", "curves.png"];

    /// <summary>Draws both files into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, ConvergenceReport report, IReadOnlyList<AgentRuns> runs)
    {
        var figure = LearningCurveFigure.From(report, runs);
        var (svg, png) = (Path.Combine(directory, Names[0]), Path.Combine(directory, Names[1]));
        LearningCurvePlot.SaveSvg(figure, svg);
        LearningCurvePlot.SavePng(figure, png);
        return [svg, png];
    }
}
