using Bunit;
using EdgeControl.Core.Simulation;
using EdgeControl.Web.Components.Widgets;
using EdgeControl.Web.Dashboard.WhatIf;

namespace EdgeControl.Web.Tests.Components;

public sealed class WhatIfPanelTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 17, 0, 0, TimeSpan.Zero);

    private static RequestWhatIf EdgeChosen(PredictionSource source, double? spread) => new(
        "camera",
        "mobilenet_v1_1.0_224",
        0.709,
        source,
        [
            new WhatIfPlacement("camera-device", "device", 119.2, 0.61, -1.31, spread, Chosen: false),
            new WhatIfPlacement("edge-1", "edge", 74.4, 0.12, -0.52, spread, Chosen: true),
            new WhatIfPlacement("cloud-1", "cloud", 160.1, 0.25, -1.12, spread, Chosen: false),
        ],
        "edge-1",
        new Outcome(81.3, 0.14, 0.709),
        -0.57,
        At);

    [Fact]
    public void Every_placement_is_predicted_beside_the_choice_and_its_measurement()
    {
        using var context = new BunitContext();

        var panel = context.Render<WhatIfPanel>(p => p.Add(w => w.User, "camera").Add(w => w.WhatIf, EdgeChosen(PredictionSource.LearnedModel, 0.04)));

        Assert.Equal("edge-1 74 ms, local 119 ms, cloud-1 160 ms; chose edge-1, measured 81 ms", panel.Find("[data-what-if-summary]").TextContent);
        Assert.Equal(3, panel.FindAll("table.what-if tbody tr").Count);
        var chosen = panel.Find("tr[data-chosen='true']");
        Assert.Equal("edge-1", chosen.GetAttribute("data-placement"));
        Assert.Equal("74 ms", chosen.QuerySelector("[data-figure='predicted-latency']")!.TextContent);
        Assert.Equal("81 ms", chosen.QuerySelector("[data-figure='measured-latency']")!.TextContent);
        Assert.Equal("0.140 J", chosen.QuerySelector("[data-figure='measured-energy']")!.TextContent);
        Assert.Equal("-0.570", chosen.QuerySelector("[data-figure='measured-reward']")!.TextContent);
        var local = panel.Find("tr[data-placement='camera-device']");
        Assert.Equal("119 ms", local.QuerySelector("[data-figure='predicted-latency']")!.TextContent);
        Assert.Equal("0.610 J", local.QuerySelector("[data-figure='predicted-energy']")!.TextContent);
        Assert.Equal("-1.310", local.QuerySelector("[data-figure='predicted-reward']")!.TextContent);
        Assert.Null(local.QuerySelector("[data-figure='measured-latency']"));
        Assert.Equal("0.04", local.QuerySelector("[data-figure='spread']")!.TextContent);
        var source = panel.Find("[data-prediction-source]");
        Assert.Contains("learned environment model", source.TextContent, StringComparison.Ordinal);
        Assert.Contains("weights are random; accuracy is the catalog's published top-1", source.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Predictions_from_the_twin_are_labelled_as_its_expectation()
    {
        using var context = new BunitContext();

        var panel = context.Render<WhatIfPanel>(p => p.Add(w => w.User, "camera").Add(w => w.WhatIf, EdgeChosen(PredictionSource.TwinExpectation, spread: null)));

        var source = panel.Find("[data-prediction-source]");
        Assert.Equal(nameof(PredictionSource.TwinExpectation), source.GetAttribute("data-prediction-source"));
        Assert.Contains("twin's expectation", source.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("learned environment model", source.TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-figure='spread']"));
    }

    [Fact]
    public void A_user_without_an_executed_request_has_nothing_to_compare()
    {
        using var context = new BunitContext();

        var panel = context.Render<WhatIfPanel>(p => p.Add(w => w.User, "camera").Add(w => w.WhatIf, null));

        Assert.Empty(panel.FindAll("table.what-if"));
        Assert.Contains("No request of this user", panel.Markup, StringComparison.Ordinal);
    }
}
