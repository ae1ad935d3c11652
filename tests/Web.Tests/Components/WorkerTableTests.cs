using System.Globalization;
using Bunit;
using EdgeControl.Core.Catalog;
using EdgeControl.Core.Simulation;
using EdgeControl.Protocol;
using EdgeControl.Web.Components.Widgets;
using EdgeControl.Web.Dashboard.Workers;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests.Components;

public sealed class WorkerTableTests
{
    private static readonly DateTimeOffset Beat = new(2026, 12, 6, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_worker_row_shows_its_measured_profile_beside_the_published_figures_of_the_scenario_server_it_stands_for()
    {
        var scenario = ShippedScenarios.Paper;
        var edge = scenario.Servers.Single(s => s.Name == "edge-1");
        var measured = new WorkerProfile(11.3, 2, [new VariantTiming("mobilenet_v1_1.0_224", 50.4), new VariantTiming("mobilenet_v1_0.25_128", 1.9)]);
        var worker = new WorkerView("edge-1", "edge", "edge-cpu", "http://127.0.0.1:5101", "online", Beat, new WorkerLoad(3, 1, 2), measured, Beat);
        using var context = new BunitContext();

        var table = context.Render<WorkerTable>(p => p.Add(t => t.Workers, [worker]).Add(t => t.Scenario, scenario));

        var row = table.Find("table.workers tr[data-worker='edge-1']");
        Assert.Equal("online", row.QuerySelector("[data-figure='status']")!.TextContent);
        Assert.Equal("3 in flight · 1 queued · 2 slots", row.QuerySelector("[data-figure='load']")!.TextContent);
        Assert.Equal("11.3", row.QuerySelector("[data-figure='measured-gmacs']")!.TextContent);
        Assert.Equal(edge.Profile.GigaMacsPerSecond.ToString("0.0", CultureInfo.InvariantCulture), row.QuerySelector("[data-figure='published-gmacs']")!.TextContent);
        Assert.Equal("2", row.QuerySelector("[data-figure='measured-slots']")!.TextContent);
        Assert.Equal(edge.Profile.Slots.ToString(CultureInfo.InvariantCulture), row.QuerySelector("[data-figure='published-slots']")!.TextContent);
        Assert.Contains("http://127.0.0.1:5101", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("server edge-1", row.TextContent, StringComparison.Ordinal);

        var variants = table.Find("details.worker-variants[data-worker='edge-1']");
        var largest = variants.QuerySelector("tr[data-variant='mobilenet_v1_1.0_224']")!;
        Assert.Equal("50 ms", largest.QuerySelector("[data-figure='measured-ms']")!.TextContent);
        // The twin's figure: 569 MMACs / 25 GMAC/s per slot.
        var published = Physics.ComputeMs(PublishedFigures.MobileNetV1[0], edge.Profile);
        Assert.Equal($"{published.ToString("0", CultureInfo.InvariantCulture)} ms", largest.QuerySelector("[data-figure='published-ms']")!.TextContent);
        // A variant the worker did not time is shown as not measured, still beside its published figure.
        var untimed = variants.QuerySelector("tr[data-variant='mobilenet_v1_0.5_224']")!;
        Assert.Equal("—", untimed.QuerySelector("[data-figure='measured-ms']")!.TextContent);
        Assert.NotEqual("—", untimed.QuerySelector("[data-figure='published-ms']")!.TextContent);
        Assert.Contains("Weights are random; accuracy is the catalog's published top-1", variants.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_offline_worker_that_never_reported_its_profile_is_shown_offline_with_no_load_and_no_measurement()
    {
        var worker = new WorkerView("cloud-1", "cloud", "cloud-gpu", "http://127.0.0.1:5102", "offline", Beat, Load: null, Measured: null, ProfiledAt: null);
        using var context = new BunitContext();

        // No scenario is being learned: the published figures come from the catalog profile it registered with.
        var table = context.Render<WorkerTable>(p => p.Add(t => t.Workers, [worker]));

        var row = table.Find("tr[data-worker='cloud-1']");
        Assert.Equal("offline", row.GetAttribute("data-status"));
        var status = row.QuerySelector("[data-figure='status']")!;
        Assert.Equal("offline", status.TextContent);
        Assert.Contains("status-offline", status.ClassList);
        Assert.Equal("not reported", row.QuerySelector("[data-figure='load']")!.TextContent);
        Assert.Equal("—", row.QuerySelector("[data-figure='measured-gmacs']")!.TextContent);
        Assert.Equal("380.0", row.QuerySelector("[data-figure='published-gmacs']")!.TextContent);
        Assert.Contains("catalog profile cloud-gpu", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("not reported yet", table.Find("details.worker-variants[data-worker='cloud-1'] summary").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_workers_the_table_says_how_one_registers()
    {
        using var context = new BunitContext();

        var table = context.Render<WorkerTable>(p => p.Add(t => t.Workers, []));

        Assert.Empty(table.FindAll("table.workers"));
        Assert.Contains("POST /api/v1/workers", table.Markup, StringComparison.Ordinal);
    }
}
