using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace EdgeControl.Web.Components.Widgets;

/// <summary>The dashboard's chart conventions in one place: plain lines, readable fonts, no Plotly logo or toolbar clutter.</summary>
public static class Charts
{
    public static Config Config() => new()
    {
        Responsive = true,
        DisplayLogo = false,
        DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False,
    };

    public static Plotly.Blazor.Layout Layout(string xTitle, string yTitle, bool logX = false) => new()
    {
        Margin = new Margin { L = 64, R = 16, T = 24, B = 56 },
        Font = new Font { Size = 14, Family = "system-ui, sans-serif" },
        PaperBgColor = "#ffffff",
        PlotBgColor = "#ffffff",
        // Above the plot, so it never collides with the x axis title.
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.02m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom }],
        XAxis =
        [
            new XAxis
            {
                Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle },
                // Unset unless logarithmic: Plotly then recognises the time axes of the Users page as dates.
                Type = logX ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log : null,
                GridColor = "#e3e3e3",
            },
        ],
        YAxis =
        [
            new YAxis
            {
                Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle },
                GridColor = "#e3e3e3",
                RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero,
            },
        ],
    };

    public static Scatter Line(string name, string colour, string dash = "solid", double width = 2, bool markers = false) => new()
    {
        Name = name,
        Mode = markers ? ModeFlag.Lines | ModeFlag.Markers : ModeFlag.Lines,
        Line = new Line { Color = colour, Dash = dash, Width = (decimal)width },
        Marker = new Marker { Color = colour, Size = 5 },
        X = new List<object>(),
        Y = new List<object>(),
    };

    public static Scatter Points(string name, string colour, Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum symbol) => new()
    {
        Name = name,
        Mode = ModeFlag.Markers,
        Marker = new Marker { Color = colour, Size = 9, Symbol = symbol },
        X = new List<object>(),
        Y = new List<object>(),
    };

    /// <summary>Replaces a trace's points in place, so the chart's data list keeps its identity for React().</summary>
    public static void Set<TX, TY>(Scatter trace, IEnumerable<TX> x, IEnumerable<TY> y)
        where TX : notnull
        where TY : notnull
    {
        trace.X = [.. x.Cast<object>()];
        trace.Y = [.. y.Cast<object>()];
    }
}
