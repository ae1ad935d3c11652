using System.Net;
using System.Net.Http.Json;
using EdgeControl.Core.Scenarios;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Topology;
using EdgeControl.Web.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class TopologyApiTests(MigratedAppFixture fixture)
{
    private static readonly Uri Topology = new("/api/v1/topology", UriKind.Relative);

    [Fact]
    public async Task Before_the_orchestrator_has_loaded_a_scenario_the_topology_is_503_problem_details()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(Topology);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task The_topology_lists_every_server_and_user_device_of_the_scenario_and_a_link_from_each_device_to_each_server()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var client = app.CreateClient();
        var path = app.Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value.ScenarioPath;
        var scenario = ScenarioLoader.Load(path);
        // What the orchestrator does when it loads its scenario at start-up.
        app.Services.GetRequiredService<TopologyTracker>().Reset(scenario);

        var topology = await client.GetFromJsonAsync<TopologySnapshot>(Topology);

        Assert.NotNull(topology);
        Assert.Equal(scenario.Name, topology.ScenarioName);
        var devices = scenario.Users.Select(u => $"{u.Name}-device").ToList();
        Assert.Equal(
            scenario.Servers.Select(s => s.Name).Concat(devices).Order(),
            topology.Nodes.Select(n => n.Name).Order());
        Assert.All(topology.Nodes, n => Assert.Contains(n.Tier, new[] { "device", "edge", "cloud" }));
        Assert.Equal(
            devices.SelectMany(d => scenario.Servers.Select(s => $"{d}->{s.Name}")).Order(),
            topology.Links.Select(l => $"{l.From}->{l.To}").Order());
        Assert.All(topology.Links, l => Assert.True(l.BandwidthMbps > 0 && l.RttMs >= 0, $"{l.From}->{l.To}"));
        Assert.Equal(scenario.Users.Select(u => u.Name), topology.Users.Select(u => u.User));
        Assert.All(topology.Users, u => Assert.Null(u.Target));
    }
}
