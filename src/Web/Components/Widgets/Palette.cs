namespace EdgeControl.Web.Components.Widgets;

/// <summary>
/// Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), each paired with a dash
/// pattern and always with a text label, so nothing is told by colour alone.
/// </summary>
public static class Palette
{
    private static readonly (string Colour, string Dash, string DashName)[] Conditions =
    [
        ("#0072B2", "none", "solid"),
        ("#D55E00", "10 6", "dashed"),
        ("#CC79A7", "2 5", "dotted"),
        ("#009E73", "14 5 3 5", "dash-dot"),
        ("#E69F00", "6 3", "short dashes"),
    ];

    /// <summary>Agents and series on charts, in a fixed order.</summary>
    public static readonly IReadOnlyList<string> Series = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

    public static string ConditionColour(int index) => Conditions[Wrap(index)].Colour;

    /// <summary>SVG stroke-dasharray of the condition.</summary>
    public static string ConditionDash(int index) => Conditions[Wrap(index)].Dash;

    public static string ConditionDashName(int index) => Conditions[Wrap(index)].DashName;

    /// <summary>CSS class that colours a node by tier (cloud, edge, device).</summary>
    public static string TierClass(string? tier) => tier switch
    {
        "cloud" => "tier-cloud",
        "edge" => "tier-edge",
        "device" => "tier-device",
        _ => "tier-none",
    };

    private static int Wrap(int index) => ((index % Conditions.Length) + Conditions.Length) % Conditions.Length;
}
