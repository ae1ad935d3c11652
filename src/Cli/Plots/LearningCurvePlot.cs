using System.Globalization;
using EdgeControl.Cli.Bench;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace EdgeControl.Cli.Plots;

/// <summary>
/// Draws a <see cref="LearningCurveFigure"/> with ScottPlot, as PNG and SVG: per panel (score) a column of two plots on
/// one log x axis of real interactions, the whole score range above and a zoom on 0.85-1 below, where the thresholds
/// (0.90, 0.95, 0.98) and the non-learning policies sit, which the whole range squeezes into a few pixels; one legend
/// on the right. ScottPlot has no log scale: x is plotted as log10 and the ticks are named after the decades.
/// </summary>
internal static class LearningCurvePlot
{
    private const int CellWidth = 250, CellsPerPanel = 3, Height = 690;
    private const int HeaderRows = 1, WholeRows = 5, ZoomRows = 4, Rows = HeaderRows + WholeRows + ZoomRows;
    private const float PlotLeft = 70, PlotRight = 46;
    private static readonly double[] Thresholds = [0.90, ConvergenceReport.Threshold, 0.98];
    private static readonly ScoreRange Whole = new(-0.2, 1.0, 0.2, "normalised score");
    private static readonly ScoreRange Zoom = new(0.85, 1.0, 0.05, "normalised score (zoom)");

    /// <summary>One of the fonts every common system has, so the PNG looks the same here and on a developer's machine.</summary>
    private static readonly string Font =
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" }.FirstOrDefault(Installed) ?? Fonts.Sans;

    public static (int Width, int Height) Size(LearningCurveFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return ((figure.Panels.Count * CellsPerPanel + 1) * CellWidth, Height);
    }

    public static void SavePng(LearningCurveFigure figure, string path)
    {
        var (width, height) = Size(figure);
        Build(figure).SavePng(path, width, height);
    }

    public static void SaveSvg(LearningCurveFigure figure, string path)
    {
        var (width, height) = Size(figure);
        var multiplot = Build(figure);
        // ScottPlot draws a plot twice on its first render (the second with the layout the first measured): on a
        // raster the second covers the first, in an SVG both would stay. So the first render goes to a throw-away image.
        multiplot.Render(width, height).Dispose();
        using var svg = new SKDynamicMemoryWStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), svg))
        {
            multiplot.Render(canvas, new PixelRect(0, width, height, 0));
        }

        using var document = svg.DetachAsData();
        File.WriteAllBytes(path, document.ToArray());
    }

    private static Multiplot Build(LearningCurveFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var styles = AgentStyle.For(figure.Panels.SelectMany(p => p.Series).Select(s => s.Agent));
        var axis = XAxis(figure);
        var columns = figure.Panels.Count * CellsPerPanel + 1;
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        // A multiplot starts with one plot of its own: let it be the header.
        var multiplot = new Multiplot(NewPlot()) { Layout = layout };
        var header = multiplot.GetPlot(0);
        layout.Set(header, new GridCell(0, 0, Rows, columns, HeaderRows, columns));
        Header(header, figure);
        for (var i = 0; i < figure.Panels.Count; i++)
        {
            var panel = figure.Panels[i];
            var whole = Add(multiplot, layout, new GridCell(HeaderRows, i * CellsPerPanel, Rows, columns, WholeRows, CellsPerPanel));
            var zoom = Add(multiplot, layout, new GridCell(HeaderRows + WholeRows, i * CellsPerPanel, Rows, columns, ZoomRows, CellsPerPanel));
            Draw(whole, Whole, panel, axis, styles);
            Draw(zoom, Zoom, panel, axis, styles);
            if (figure.ShiftAt is { } shiftAt)
            {
                ShiftMarker(whole, shiftAt, labelled: true);
                ShiftMarker(zoom, shiftAt, labelled: false);
            }

            whole.Title(panel.Title, 14);
            whole.Layout.Fixed(new PixelPadding(PlotLeft, PlotRight, 12, 30));
            whole.Axes.Bottom.TickLabelStyle.IsVisible = false;
            zoom.Layout.Fixed(new PixelPadding(PlotLeft, PlotRight, 62, 16));
            zoom.XLabel("real interactions (log scale; planning on the learned model is not counted)", 13);
            ThresholdLabels(zoom);
            Markers(zoom, panel, axis, styles);
            NonLearningLabel(Zoom.Shows(panel.BestNonLearningScore) ? zoom : whole, panel, axis);
        }

        var legend = Add(multiplot, layout, new GridCell(HeaderRows, columns - 1, Rows, columns, WholeRows + ZoomRows, 1));
        LearningCurveLegend.Draw(legend, figure, styles, Font);
        return multiplot;
    }

    private static Plot Add(Multiplot multiplot, ScottPlot.MultiplotLayouts.CustomGrid layout, GridCell cell)
    {
        var plot = NewPlot();
        multiplot.AddPlot(plot);
        layout.Set(plot, cell);
        return plot;
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        return plot;
    }

    private static void Header(Plot header, LearningCurveFigure figure)
    {
        header.Layout.Frameless();
        header.Axes.Frameless();
        header.HideGrid();
        header.Axes.SetLimits(0, 1, 0, 1);
        var title = header.Add.Text(figure.Title, 0, 1);
        title.LabelFontSize = 18;
        title.LabelBold = true;
        title.Alignment = Alignment.UpperLeft;
        title.OffsetX = PlotLeft;
        title.OffsetY = 14;
        var subtitle = header.Add.Text(figure.Subtitle, 0, 1);
        subtitle.LabelFontSize = 12;
        subtitle.LabelFontColor = Color.FromHex("#444444");
        subtitle.Alignment = Alignment.UpperLeft;
        subtitle.OffsetX = PlotLeft;
        subtitle.OffsetY = 40;
    }

    private static void Draw(Plot plot, ScoreRange range, CurvePanel panel, LogAxis axis, Dictionary<string, AgentStyle> styles)
    {
        var decades = axis.Decades().ToList();
        plot.Axes.SetLimits(Math.Log10(decades[0]), Math.Log10(decades[^1]), range.Min, range.Max);
        var xTicks = new NumericManual();
        foreach (var decade in decades)
        {
            xTicks.AddMajor(Math.Log10(decade), LogAxis.Label(decade));
        }

        foreach (var minor in axis.MinorTicks())
        {
            xTicks.AddMinor(Math.Log10(minor));
        }

        plot.Axes.Bottom.TickGenerator = xTicks;
        var yTicks = new NumericManual();
        for (var score = range.Min; score <= range.Max + 1e-9; score += range.TickStep)
        {
            yTicks.AddMajor(score, score.ToString(range.TickStep < 0.1 ? "0.00" : "0.0", CultureInfo.InvariantCulture));
        }

        plot.Axes.Left.TickGenerator = yTicks;
        plot.YLabel(range.Title, 13);
        plot.Grid.MajorLineColor = Color.FromHex("#d0d0d0");
        plot.Grid.MinorLineColor = Color.FromHex("#f0f0f0");
        plot.Grid.MinorLineWidth = 1;

        foreach (var threshold in Thresholds.Where(range.Shows))
        {
            var line = plot.Add.HorizontalLine(threshold, 1, Color.FromHex("#888888"), new LinePattern([2, 3], 0, "threshold"));
            line.ExcludeFromLegend = true;
        }

        foreach (var series in panel.Series.Where(s => s.Points.Count > 0))
        {
            var style = styles[series.Agent];
            var xs = series.Points.Select(p => Math.Log10(p.Interactions)).ToArray();
            var band = plot.Add.FillY(xs, series.Points.Select(p => p.Min).ToArray(), series.Points.Select(p => p.Max).ToArray());
            band.FillColor = style.Colour.WithAlpha(0.15);
            band.LineWidth = 0;
            band.MarkerSize = 0;
        }

        var best = plot.Add.HorizontalLine(panel.BestNonLearningScore, 1.5f, AgentStyle.NonLearning.Colour, AgentStyle.NonLearning.Pattern);
        best.ExcludeFromLegend = true;
        foreach (var series in panel.Series.Where(s => s.Points.Count > 0))
        {
            var style = styles[series.Agent];
            var median = plot.Add.ScatterLine(series.Points.Select(p => Math.Log10(p.Interactions)).ToArray(), series.Points.Select(p => p.Median).ToArray(), style.Colour);
            median.LineWidth = 2.5f;
            median.LinePattern = style.Pattern;
            median.MarkerSize = 0;
        }
    }

    /// <summary>A vertical line where the environment changed under the learners.</summary>
    private static void ShiftMarker(Plot plot, long shiftAt, bool labelled)
    {
        // Solid: Skia's SVG canvas cannot write a dashed vertical line (it prints "Unsupported path effect").
        var line = plot.Add.VerticalLine(Math.Log10(shiftAt), 1.5f, Color.FromHex("#b00020"));
        line.ExcludeFromLegend = true;
        if (labelled)
        {
            line.Text = "shift";
            line.LabelFontSize = 12;
        }
    }

    /// <summary>The thresholds named on the zoom's right edge, where the curves cross them.</summary>
    private static void ThresholdLabels(Plot zoom)
    {
        var ticks = new NumericManual();
        foreach (var threshold in Thresholds)
        {
            ticks.AddMajor(threshold, threshold.ToString("0.00", CultureInfo.InvariantCulture));
        }

        zoom.Axes.Right.TickGenerator = ticks;
        zoom.Axes.Right.Range.Set(Zoom.Min, Zoom.Max);
        zoom.Axes.Right.TickLabelStyle.ForeColor = Color.FromHex("#555555");
    }

    /// <summary>Where each agent's median seeds came to hold 0.95.</summary>
    private static void Markers(Plot zoom, CurvePanel panel, LogAxis axis, Dictionary<string, AgentStyle> styles)
    {
        foreach (var series in panel.Series)
        {
            if (series.MedianTo95 is not { } at)
            {
                continue;
            }

            var marker = zoom.Add.Marker(Math.Log10(Math.Max(at, axis.Min)), ConvergenceReport.Threshold, MarkerShape.FilledCircle, 10, Colors.White);
            marker.MarkerStyle.OutlineColor = styles[series.Agent].Colour;
            marker.MarkerStyle.OutlineWidth = 2;
        }
    }

    /// <summary>Under the line (where converged curves are not) in the panel that shows it, at the right end.</summary>
    private static void NonLearningLabel(Plot plot, CurvePanel panel, LogAxis axis)
    {
        var label = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"best non-learning policy: {panel.BestNonLearning} ({panel.BestNonLearningScore:0.000})"),
            Math.Log10(axis.Decades().Last()), panel.BestNonLearningScore);
        label.LabelFontSize = 12;
        label.Alignment = Alignment.UpperRight;
        label.OffsetX = -6;
        label.OffsetY = 4;
    }

    /// <summary>Skia answers a missing family with another one: installed means it answered with the family asked for.</summary>
    private static bool Installed(string family) =>
        Fonts.GetTypeface(family, bold: false, italic: false) is { } typeface && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase);

    private static LogAxis XAxis(LearningCurveFigure figure)
    {
        var positive = figure.Panels.SelectMany(p => p.Series).SelectMany(s => s.Points).Select(p => p.Interactions).DefaultIfEmpty(figure.MaxInteractions).ToList();
        return new LogAxis(positive.Min(), Math.Max(positive.Max(), figure.MaxInteractions), 0, 1);
    }

    /// <summary>The score range of one row of plots, and its tick step.</summary>
    private sealed record ScoreRange(double Min, double Max, double TickStep, string Title)
    {
        public bool Shows(double score) => score >= Min && score <= Max;
    }
}
