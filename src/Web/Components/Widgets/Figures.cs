using System.Globalization;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Web.Components.Widgets;

/// <summary>How the dashboard writes numbers: invariant culture, units spelled out, a dash where there is no value yet.</summary>
public static class Figures
{
    public const string None = "—";

    public static string Ms(double? value) => Finite(value) ? Format(value!.Value, "0") + " ms" : None;

    public static string Joules(double? value) => Finite(value) ? Format(value!.Value, "0.000") + " J" : None;

    public static string Score(double? value) => Finite(value) ? Format(value!.Value, "0.000") : None;

    public static string Mbps(double value) => Format(value, value < 10 ? "0.0" : "0") + " Mb/s";

    public static string Percent(double value) => double.IsFinite(value) ? Format(100 * value, "0.0") + " %" : None;

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? value) =>
        value is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : None;

    public static string Number(double value, string format) => Format(value, format);

    /// <summary>Which score a figure is: closed loop (the policy on its own trajectories) or open loop (fixed states).</summary>
    public static string Loop(ScoreLoop loop) => loop == ScoreLoop.Closed ? "closed loop" : "open loop";

    private static bool Finite(double? value) => value is { } v && double.IsFinite(v);

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
