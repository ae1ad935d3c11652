using ScottPlot;

namespace EdgeControl.Cli.Plots;

/// <summary>
/// How an agent's curve looks: an Okabe-Ito colour (distinguishable with every common colour-vision deficiency) and its
/// own dash pattern, so the curves stay apart in greyscale too.
/// </summary>
internal sealed record AgentStyle(Color Colour, LinePattern Pattern)
{
    private static readonly Dictionary<string, AgentStyle> Known = new(StringComparer.Ordinal)
    {
        ["hl"] = new(Color.FromHex("#009E73"), LinePattern.Solid),
        ["dqn"] = new(Color.FromHex("#0072B2"), new LinePattern([9, 4], 0, "long dash")),
        ["qlearning"] = new(Color.FromHex("#E69F00"), new LinePattern([2, 3], 0, "dot")),
    };

    private static readonly AgentStyle[] Spare =
    [
        new(Color.FromHex("#D55E00"), new LinePattern([9, 3, 2, 3], 0, "dash dot")),
        new(Color.FromHex("#CC79A7"), new LinePattern([5, 3], 0, "dash")),
        new(Color.FromHex("#56B4E9"), new LinePattern([9, 3, 2, 3, 2, 3], 0, "dash dot dot")),
        new(Color.FromHex("#F0E442"), LinePattern.Solid),
    ];

    /// <summary>The best non-learning policy: black, dashed.</summary>
    public static readonly AgentStyle NonLearning = new(Colors.Black, new LinePattern([7, 5], 0, "non-learning"));

    /// <summary>A style per agent, the same in every panel; agents without their own take the spare ones in order.</summary>
    public static Dictionary<string, AgentStyle> For(IEnumerable<string> agents)
    {
        var spare = new Queue<AgentStyle>(Spare);
        return agents.Distinct(StringComparer.Ordinal).ToDictionary(
            a => a,
            a => Known.TryGetValue(a, out var style) ? style : spare.Count > 0 ? spare.Dequeue() : new AgentStyle(Colors.Gray, LinePattern.Solid),
            StringComparer.Ordinal);
    }
}
