using System.Globalization;
using System.Xml.Linq;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// <c>curves.svg</c>: normalised score against real interactions (log scale), one median line per
/// agent with its min-max band over seeds, and the best non-learning policy (judged closed loop) as a
/// dashed line. The closed-loop score (the headline) on top, the open-loop score below, each in two
/// panels sharing the x axis: the whole range, and a zoom on 0.85-1 where the thresholds (0.90, 0.95,
/// 0.98) and the non-learning policies sit, which the whole range squeezes into a few pixels.
/// Written by hand: one picture does not justify a charting package.
/// </summary>
internal static class LearningCurveSvg
{
    private const double Width = 1000, Height = 1090;
    private const double Left = 78, Right = 740;
    private const string Font = "font-family:Helvetica,Arial,sans-serif";
    private const int SettingCharactersPerLine = 34;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly double[] Thresholds = [0.90, ConvergenceReport.Threshold, 0.98];

    private static readonly Section[] Sections =
    [
        new(ScoreLoop.Closed, "Closed loop (the headline): the greedy policy decides its own trajectories of the twin",
            new("closed", ScoreLoop.Closed, IsZoom: false, 92, 332, -0.2, 1.0, 0.2, "closed-loop score"),
            new("closed-zoom", ScoreLoop.Closed, IsZoom: true, 352, 522, 0.85, 1.0, 0.05, "closed loop (zoom)")),
        new(ScoreLoop.Open, "Open loop: each greedy action scored alone on the fixed evaluation set",
            new("open", ScoreLoop.Open, IsZoom: false, 604, 844, -0.2, 1.0, 0.2, "open-loop score"),
            new("open-zoom", ScoreLoop.Open, IsZoom: true, 864, 1034, 0.85, 1.0, 0.05, "open loop (zoom)")),
    ];

    // Okabe-Ito: distinguishable with every common colour-vision deficiency.
    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        ["qlearning"] = "#E69F00",
        ["dqn"] = "#0072B2",
        ["hl"] = "#009E73",
    };

    private static readonly string[] SpareColours = ["#D55E00", "#CC79A7", "#56B4E9", "#F0E442"];

    public static XDocument Build(ConvergenceReport report, IReadOnlyList<AgentRuns> runs)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(runs);
        var bands = Sections.ToDictionary(s => s.Loop, s => runs.ToDictionary(r => r.Agent,
            r => BandPoint.Over(r.Runs, s.Loop).Where(p => p.Interactions > 0).ToList()));
        var positive = runs.SelectMany(r => r.Runs).SelectMany(r => r.Curve).Select(p => p.RealInteractions).Where(x => x > 0)
            .DefaultIfEmpty(report.MaxInteractions).ToList();
        var axis = new LogAxis(positive.Min(), Math.Max(positive.Max(), report.MaxInteractions), Left, Right);
        var colours = AssignColours(runs.Select(r => r.Agent));
        var panels = Sections.SelectMany(s => new[] { s.Whole, s.Zoom }).ToList();

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", Height),
            new XAttribute("viewBox", $"0 0 {N(Width)} {N(Height)}"),
            new XAttribute("style", Font),
            new XElement(Svg + "defs", panels.Select(p => p.ClipPath())),
            Rect(0, 0, Width, Height, "fill:#ffffff"),
            Text(Left, 28, $"Learning curves on '{report.Scenario}'", "font-size:18px;font-weight:bold"),
            Text(Left, 48, string.Create(CultureInfo.InvariantCulture,
                $"normalised score of the greedy policy (random 0, oracle 1); line: median of {report.Seeds} seed{(report.Seeds == 1 ? "" : "s")}, band: min-max"),
                "font-size:12px;fill:#444444"));
        foreach (var section in Sections)
        {
            svg.Add(Text(Left, section.Whole.Top - 10, section.Title, "font-size:14px;font-weight:bold"));
            foreach (var panel in new[] { section.Whole, section.Zoom })
            {
                svg.Add(Grid(panel, axis));
                var plot = new XElement(Svg + "g", new XAttribute("class", "panel"), new XAttribute("data-panel", panel.Name),
                    new XAttribute("data-loop", LoopName(panel.Loop)), new XAttribute("clip-path", $"url(#{panel.ClipId})"));
                plot.Add(runs.Select(a => Band(panel, a.Agent, bands[section.Loop][a.Agent], axis, colours[a.Agent])));
                plot.Add(NonLearningLine(panel, report.BestNonLearning));
                plot.Add(runs.Select(a => MedianLine(panel, a.Agent, bands[section.Loop][a.Agent], axis, colours[a.Agent])));
                svg.Add(plot);
                svg.Add(Rect(Left, panel.Top, Right - Left, panel.Bottom - panel.Top, "fill:none;stroke:#333333;stroke-width:1"));
            }

            svg.Add(NonLearningLabel(section, report.BestNonLearning));
            svg.Add(report.Agents.Where(a => !a.Of(section.Loop).To95.MedianIsLowerBound).Select(a =>
                new XElement(Svg + "circle", new XAttribute("class", "converged"), new XAttribute("data-agent", a.Agent),
                    new XAttribute("data-loop", LoopName(section.Loop)),
                    new XAttribute("cx", N(axis.At(Math.Max(a.Of(section.Loop).To95.Median, axis.Min)))),
                    new XAttribute("cy", N(section.Zoom.Y(ConvergenceReport.Threshold))),
                    new XAttribute("r", 4.5), new XAttribute("style", $"fill:#ffffff;stroke:{colours[a.Agent]};stroke-width:2"))));
            svg.Add(XAxisLabels(axis, section.Zoom));
        }

        svg.Add(Text((Left + Right) / 2, Sections[^1].Zoom.Bottom + 44, "real interactions (log scale; planning on the learned model is not counted)",
            "font-size:13px;text-anchor:middle"));
        svg.Add(Legend(report, colours));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), svg);
    }

    private static IEnumerable<XElement> Grid(Panel panel, LogAxis axis)
    {
        foreach (var minor in axis.MinorTicks())
        {
            yield return Line(axis.At(minor), panel.Top, axis.At(minor), panel.Bottom, "stroke:#f0f0f0;stroke-width:1");
        }

        foreach (var decade in axis.Decades())
        {
            yield return Line(axis.At(decade), panel.Top, axis.At(decade), panel.Bottom, "stroke:#d0d0d0;stroke-width:1");
        }

        var steps = (int)Math.Round((panel.Max - panel.Min) / panel.TickStep);
        for (var i = 0; i <= steps; i++)
        {
            var score = panel.Min + i * panel.TickStep;
            var y = panel.Y(score);
            yield return Line(Left, y, Right, y, "stroke:#d0d0d0;stroke-width:1");
            yield return Text(Left - 8, y + 4, score.ToString(panel.TickStep < 0.1 ? "0.00" : "0.0", CultureInfo.InvariantCulture), "font-size:12px;text-anchor:end");
        }

        foreach (var threshold in Thresholds.Where(panel.Shows))
        {
            var y = panel.Y(threshold);
            yield return Line(Left, y, Right, y, "stroke:#888888;stroke-width:1;stroke-dasharray:2,3");
            if (panel.IsZoom)
            {
                yield return Text(Right + 6, y + 4, threshold.ToString("0.00", CultureInfo.InvariantCulture), "font-size:11px;fill:#555555");
            }
        }

        yield return new XElement(Svg + "text",
            new XAttribute("transform", $"translate({N(Left - 50)},{N((panel.Top + panel.Bottom) / 2)}) rotate(-90)"),
            new XAttribute("style", "font-size:13px;text-anchor:middle"),
            panel.Title);
    }

    private static IEnumerable<XElement> XAxisLabels(LogAxis axis, Panel under) =>
        axis.Decades().Select(decade => Text(axis.At(decade), under.Bottom + 18, LogAxis.Label(decade), "font-size:12px;text-anchor:middle"));

    private static XElement Band(Panel panel, string agent, List<BandPoint> points, LogAxis axis, string colour)
    {
        var upper = points.Select(p => Point(axis.At(p.Interactions), panel.Y(p.Max)));
        var lower = points.AsEnumerable().Reverse().Select(p => Point(axis.At(p.Interactions), panel.Y(p.Min)));
        var d = points.Count == 0 ? "" : "M" + string.Join(" L", upper.Concat(lower)) + " Z";
        return new XElement(Svg + "path", new XAttribute("class", "band"), new XAttribute("data-agent", agent), new XAttribute("d", d),
            new XAttribute("style", $"fill:{colour};fill-opacity:0.15;stroke:none"));
    }

    private static XElement MedianLine(Panel panel, string agent, List<BandPoint> points, LogAxis axis, string colour)
    {
        var d = points.Count == 0 ? "" : "M" + string.Join(" L", points.Select(p => Point(axis.At(p.Interactions), panel.Y(p.Median))));
        return new XElement(Svg + "path", new XAttribute("class", "median"), new XAttribute("data-agent", agent), new XAttribute("d", d),
            new XAttribute("style", $"fill:none;stroke:{colour};stroke-width:2.5;stroke-linejoin:round"));
    }

    private static XElement NonLearningLine(Panel panel, NonLearningScore best)
    {
        var y = panel.Y(best.ScoreOf(panel.Loop));
        var line = Line(Left, y, Right, y, "stroke:#000000;stroke-width:1.5;stroke-dasharray:7,5");
        line.SetAttributeValue("class", "non-learning");
        return line;
    }

    /// <summary>In the zoom when the policy is in its range (under the line, where converged curves are not), else in the whole range.</summary>
    private static XElement NonLearningLabel(Section section, NonLearningScore best)
    {
        var score = best.ScoreOf(section.Loop);
        var panel = section.Zoom.Shows(score) ? section.Zoom : section.Whole;
        var y = panel.Y(score);
        var below = y + 15 < panel.Bottom;
        return Text(Right - 8, below ? y + 15 : y - 6, string.Create(CultureInfo.InvariantCulture,
            $"best non-learning policy (judged closed loop): {best.Name} ({score:0.000})"), "font-size:12px;text-anchor:end;fill:#000000");
    }

    private static string LoopName(ScoreLoop loop) => loop == ScoreLoop.Closed ? "closed" : "open";

    private static IEnumerable<XElement> Legend(ConvergenceReport report, Dictionary<string, string> colours)
    {
        var x = Right + 50;
        var y = Sections[0].Whole.Top + 6;
        yield return Text(x, y, "agent (setting)", "font-size:12px;font-weight:bold");
        foreach (var a in report.Agents)
        {
            y += 24;
            yield return Line(x, y - 4, x + 26, y - 4, $"stroke:{colours[a.Agent]};stroke-width:3");
            yield return Text(x + 32, y, a.Agent, "font-size:13px");
            foreach (var part in Wrap(a.Setting, SettingCharactersPerLine))
            {
                y += 12;
                yield return Text(x + 32, y, part, "font-size:10px;fill:#555555");
            }
        }

        y += 28;
        yield return Rect(x, y - 11, 26, 10, "fill:#777777;fill-opacity:0.2");
        yield return Text(x + 32, y, "min-max over seeds", "font-size:13px");
        y += 24;
        yield return Line(x, y - 4, x + 26, y - 4, "stroke:#000000;stroke-width:1.5;stroke-dasharray:7,5");
        yield return Text(x + 32, y, "best non-learning", "font-size:13px");
        y += 24;
        yield return new XElement(Svg + "circle", new XAttribute("cx", N(x + 13)), new XAttribute("cy", N(y - 4)), new XAttribute("r", 4.5),
            new XAttribute("style", "fill:#ffffff;stroke:#333333;stroke-width:2"));
        yield return Text(x + 32, y, "median interactions", "font-size:13px");
        y += 15;
        yield return Text(x + 32, y, "to hold 0.95", "font-size:13px");
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = "";
            }

            line = line.Length == 0 ? word : $"{line} {word}";
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }

    private static Dictionary<string, string> AssignColours(IEnumerable<string> agents)
    {
        var spare = new Queue<string>(SpareColours);
        return agents.Distinct().ToDictionary(a => a, a => Colours.TryGetValue(a, out var c) ? c : spare.Count > 0 ? spare.Dequeue() : "#777777");
    }

    private static XElement Rect(double x, double y, double w, double h, string style) =>
        new(Svg + "rect", new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("width", N(w)), new XAttribute("height", N(h)), new XAttribute("style", style));

    private static XElement Line(double x1, double y1, double x2, double y2, string style) =>
        new(Svg + "line", new XAttribute("x1", N(x1)), new XAttribute("y1", N(y1)), new XAttribute("x2", N(x2)), new XAttribute("y2", N(y2)), new XAttribute("style", style));

    private static XElement Text(double x, double y, string text, string style) =>
        new(Svg + "text", new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("style", style), text);

    private static string Point(double x, double y) => $"{N(x)},{N(y)}";

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>One score loop's pair of panels: the whole range and the zoom.</summary>
    private sealed record Section(ScoreLoop Loop, string Title, Panel Whole, Panel Zoom);

    /// <summary>One plot area: a score range of one loop mapped onto a vertical pixel range, clipped to it.</summary>
    private sealed record Panel(string Name, ScoreLoop Loop, bool IsZoom, double Top, double Bottom, double Min, double Max, double TickStep, string Title)
    {
        public string ClipId => $"clip-{Name}";

        public bool Shows(double score) => score >= Min && score <= Max;

        // Beyond the panel the clip path hides the line; the clamp only keeps coordinates finite and small.
        public double Y(double score) =>
            Top + (Max - Math.Clamp(score, Min - (Max - Min), Max + (Max - Min))) / (Max - Min) * (Bottom - Top);

        public XElement ClipPath() => new(Svg + "clipPath", new XAttribute("id", ClipId),
            Rect(Left, Top, Right - Left, Bottom - Top, "fill:#ffffff"));
    }
}
