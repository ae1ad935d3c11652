using EdgeControl.Core.Evaluation;
using System.Xml.Linq;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Plots;
using SkiaSharp;

namespace EdgeControl.Cli.Tests;

/// <summary>The learning-curve picture drawn with ScottPlot, as PNG and SVG, from hand-made runs.</summary>
public sealed class LearningCurvePlotTests : IDisposable
{
    private const long Max = 10_000;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // The agents' Okabe-Ito colours (AgentStyle).
    private static readonly Dictionary<string, SKColor> Colours = new()
    {
        ["qlearning"] = SKColor.Parse("#E69F00"),
        ["dqn"] = SKColor.Parse("#0072B2"),
        ["hl"] = SKColor.Parse("#009E73"),
    };

    private static readonly AgentRuns[] Runs =
    [
        HandMadeRuns.Agent("qlearning", Max, 6000, null),
        HandMadeRuns.Agent("dqn", Max, 900, 1200),
        HandMadeRuns.Agent("hl", Max, 100, 200),
    ];

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("edgecontrol-plot-");

    [Fact]
    public void The_figure_of_both_scores_renders_to_a_png_of_its_size_in_which_every_agents_colour_is_drawn()
    {
        var figure = LearningCurveFigure.From(Report(), Runs);
        var path = Path.Combine(_directory.FullName, "curves.png");

        LearningCurvePlot.SavePng(figure, path);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(PngSignature, bytes[..8]);
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal(LearningCurvePlot.Size(figure), (bitmap.Width, bitmap.Height));
        var pixels = bitmap.Pixels;
        foreach (var (agent, colour) in Colours)
        {
            // Lines 2.5 px wide across most of both plots: hundreds of pixels of exactly the agent's colour.
            Assert.True(pixels.Count(p => p == colour) > 200, $"{agent}'s colour {colour} is drawn in {pixels.Count(p => p == colour)} pixels");
        }
    }

    [Fact]
    public void A_figure_of_two_scores_renders_to_svg_with_a_column_per_score_and_its_non_learning_bar()
    {
        var report = Report();
        var open = CurvePanel.From("open loop", ScoreLoop.Open, report, Runs);
        var closed = open with
        {
            Title = "closed loop",
            Series = [.. open.Series.Select(s => s with { Points = [.. s.Points.Select(p => p with { Median = p.Median * 0.9 })] })],
            BestNonLearning = "load-aware",
            BestNonLearningScore = 0.971,
        };
        var figure = LearningCurveFigure.For(report, [closed, open]);
        var path = Path.Combine(_directory.FullName, "curves.svg");

        LearningCurvePlot.SaveSvg(figure, path);

        var svg = XDocument.Load(path).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal(LearningCurvePlot.Size(figure).Width.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)svg.Attribute("width"));
        var words = string.Join(" ", svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("Learning curves on 'tiny & <odd>'", words, StringComparison.Ordinal);
        Assert.Contains("closed loop", words, StringComparison.Ordinal);
        Assert.Contains("open loop", words, StringComparison.Ordinal);
        Assert.Contains("best non-learning policy: load-aware (0.971)", words, StringComparison.Ordinal);
        Assert.Contains("best non-learning policy: greedy (0.930)", words, StringComparison.Ordinal);
        Assert.Contains("10k", words, StringComparison.Ordinal);
        // Skia writes a solid line as a stroked path and a dashed one as the filled outline of its dashes.
        var inks = svg.Descendants(Svg + "path").Select(p => ((string?)p.Attribute("stroke") ?? (string?)p.Attribute("fill"))?.ToUpperInvariant()).ToList();
        foreach (var (agent, c) in Colours)
        {
            // At least its median in four plots (two scores, whole and zoom) and its line in the legend.
            var drawn = inks.Count(ink => ink == $"#{c.Red:X2}{c.Green:X2}{c.Blue:X2}");
            Assert.True(drawn >= 5, $"{agent}'s colour {c} is in {drawn} paths");
        }
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static ConvergenceReport Report() => ConvergenceReport.Build("tiny & <odd>", 2, Max, Runs, [new NonLearningScore("greedy", 0.93, 0.004, 0.93)]);
}
