using ScottPlot;

namespace EdgeControl.Cli.Plots;

/// <summary>
/// The figure's legend, in a plot of its own right of the panels: each agent with its setting, then what the band, the
/// dashed line and the circles mean.
/// </summary>
internal static class LearningCurveLegend
{
    public static void Draw(Plot plot, LearningCurveFigure figure, Dictionary<string, AgentStyle> styles, string font)
    {
        plot.Layout.Frameless();
        plot.Axes.Frameless();
        plot.HideGrid();
        List<LegendItem> items = [new LegendItem { LabelText = "agent (setting)" }];
        items.AddRange(figure.Panels.SelectMany(p => p.Series).DistinctBy(s => s.Agent).Select(s => new LegendItem
        {
            LabelText = s.Agent + "\n" + string.Join("\n", Wrapping.Lines(s.Setting.Split(' '), 22)),
            LineColor = styles[s.Agent].Colour,
            LinePattern = styles[s.Agent].Pattern,
            LineWidth = 3,
        }));
        items.Add(new LegendItem { LabelText = "min-max over seeds", FillColor = Colors.Gray.WithAlpha(0.3) });
        items.Add(new LegendItem { LabelText = "best non-learning", LineColor = AgentStyle.NonLearning.Colour, LinePattern = AgentStyle.NonLearning.Pattern, LineWidth = 1.5f });
        items.Add(new LegendItem
        {
            LabelText = "median interactions\nto hold 0.95",
            MarkerShape = MarkerShape.OpenCircle,
            MarkerColor = Color.FromHex("#333333"),
            MarkerSize = 10,
            MarkerLineWidth = 2,
        });
        var legend = plot.ShowLegend(items, Alignment.UpperLeft);
        legend.FontSize = 11;
        legend.FontName = font;
        legend.OutlineWidth = 0;
        legend.InterItemPadding = new PixelPadding(0, 0, 6, 6);
        legend.ShadowColor = Colors.Transparent;
    }
}
