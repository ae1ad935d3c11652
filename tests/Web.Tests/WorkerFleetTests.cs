using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Scenarios;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Tests;

/// <summary>
/// Decisions for devices when the scenario's servers are real workers (<c>edge-1</c> and <c>cloud-1</c> registered):
/// the worker token on Execute, offline workers masked out, workers' loads in the observation, the decision's context
/// in the log, and the serving-policy switch.
/// </summary>
public sealed class WorkerFleetTests(WorkerFleetFixture fleet) : IClassFixture<WorkerFleetFixture>
{
    private HubAppFixture Hub => fleet.Hub;

    [Fact]
    public async Task Execute_for_a_server_with_a_worker_carries_its_url_and_a_token_for_this_device_request_and_variant()
    {
        await using var edge = await TestWorker.ConnectAsync(Hub.Address, fleet.Edge);
        await edge.KeepBeatingAsync(new WorkerLoad(0, 0, 2));
        var device = await RegisterDeviceAsync();
        await using var hub = await RawHubDevice.ConnectAsync(Hub.Address, device.ApiKey);

        var command = await WithServingPolicyAsync("edge", () => hub.DecideAsync("token-1"));

        Assert.Equal(("edge-1", fleet.Edge.Url), (command.Target, command.WorkerUrl));
        var claims = WorkerTokens.Verify(WorkerTokens.Decode(fleet.Edge.TokenKey), command.WorkerToken);
        Assert.NotNull(claims);
        Assert.Equal(("token-1", device.Id.ToString(), "edge-1", command.Variant), (claims.RequestId, claims.Device, claims.Worker, claims.Variant));
        Assert.InRange(claims.ExpiresAt - DateTimeOffset.UtcNow, WorkerContract.TokenLifetime - TimeSpan.FromSeconds(10), WorkerContract.TokenLifetime);
        // Signed with edge-1's own key: worthless on another worker.
        Assert.Null(WorkerTokens.Verify(WorkerTokens.Decode(fleet.Cloud.TokenKey), command.WorkerToken));
    }

    [Fact]
    public async Task Execute_on_the_device_itself_carries_no_worker_url_or_token()
    {
        var device = await RegisterDeviceAsync();
        await using var hub = await RawHubDevice.ConnectAsync(Hub.Address, device.ApiKey);

        var command = await WithServingPolicyAsync("local", () => hub.DecideAsync("local-1"));

        Assert.Equal("device", command.TargetTier);
        Assert.Null(command.WorkerUrl);
        Assert.Null(command.WorkerToken);
    }

    [Fact]
    public async Task A_server_whose_worker_is_offline_is_masked_out_of_decisions_until_it_heartbeats_again()
    {
        await using var edge = await TestWorker.ConnectAsync(Hub.Address, fleet.Edge);
        await edge.KeepBeatingAsync(new WorkerLoad(0, 0, 2));
        await CloudOfflineAsync();
        // A fresh learner exploring (epsilon 1 at step 0): every allowed placement is drawn alike, so without the
        // mask about a third of these would go to cloud-1.
        PublishExploringLearner();
        var device = await RegisterDeviceAsync();
        await using var hub = await RawHubDevice.ConnectAsync(Hub.Address, device.ApiKey);

        var targets = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            targets.Add((await hub.DecideAsync($"masked-{i}")).Target);
        }

        Assert.DoesNotContain("cloud-1", targets);
        Assert.Contains("edge-1", targets);

        await using var cloud = await TestWorker.ConnectAsync(Hub.Address, fleet.Cloud);
        await cloud.KeepBeatingAsync(new WorkerLoad(0, 0, 2));
        var request = 0;
        await Eventually.ReachesAsync(async () => (await hub.DecideAsync($"back-{request++}")).Target, target => target == "cloud-1");
    }

    [Fact]
    public async Task A_fixed_policy_that_picks_a_server_whose_worker_is_offline_runs_the_request_on_the_device_with_its_variant()
    {
        await CloudOfflineAsync();
        var device = await RegisterDeviceAsync();
        await using var hub = await RawHubDevice.ConnectAsync(Hub.Address, device.ApiKey);

        var command = await WithServingPolicyAsync("cloud", () => hub.DecideAsync("fallback-1"));

        Assert.Equal("device", command.TargetTier);
        // The cloud policy's variant: the cheapest that meets camera-1's 0.7 requirement.
        Assert.Equal("mobilenet_v1_1.0_192", command.Variant);
    }

    [Fact]
    public async Task A_logged_outcome_carries_its_decision_s_context_with_the_worker_s_reported_load()
    {
        await using var edge = await TestWorker.ConnectAsync(Hub.Address, fleet.Edge);
        await edge.KeepBeatingAsync(new WorkerLoad(InFlight: 3, Queued: 2, Slots: 2));
        await CloudOfflineAsync();
        PublishExploringLearner();
        var device = await RegisterDeviceAsync();
        await using var hub = await RawHubDevice.ConnectAsync(Hub.Address, device.ApiKey);

        var command = await hub.DecideAsync("context-1");
        await hub.ReportAsync(RawHubDevice.Outcome(0, command));

        var row = await Eventually.QueryAsync(Hub.App, db => db.DecisionLog.SingleAsync(d => d.NodeId == device.Id));
        Assert.Equal((command.Action, "learned"), (row.Action, row.ServedBy));
        // Exploring at epsilon 1 among camera-1's allowed placements: 2 variants meet its 0.7 requirement, on the
        // device or edge-1 (cloud-1 is masked), so each of the 4 has probability 1/4.
        Assert.Equal(0.25, row.ActionProbability!.Value, 12);
        Assert.Equal((20.0, 5.0, 40.0, 0, "regular"), (row.UplinkMbps, row.RttEdgeMs, row.RttCloudMs, row.LocalLoad, row.NetworkCondition));
        Assert.NotNull(row.ServerLoads);
        Assert.Equal(2, row.ServerLoads.Length);
        // edge-1's load is what its worker reported: 3 running + 2 queued.
        Assert.Equal(5, row.ServerLoads[0]);
    }

    [Fact]
    public async Task The_serving_policy_switch_changes_who_decides_and_the_log_says_which()
    {
        await using var edge = await TestWorker.ConnectAsync(Hub.Address, fleet.Edge);
        await edge.KeepBeatingAsync(new WorkerLoad(0, 0, 2));
        // The learner serves greedily here (twin mode): its decisions have probability 1 too.
        ServedPolicy.Serve(Hub.App);
        var device = await RegisterDeviceAsync();
        await using var hub = await RawHubDevice.ConnectAsync(Hub.Address, device.ApiKey);
        using var admin = await AdminAsync();

        using (var set = await PutPolicyAsync(admin, "edge"))
        {
            set.EnsureSuccessStatusCode();
            Assert.Equal("edge", (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("policy").GetString());
        }

        Assert.Equal("edge", (await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/serving-policy", UriKind.Relative))).GetProperty("policy").GetString());
        var byEdge = await hub.DecideAsync("switch-1");
        await hub.ReportAsync(RawHubDevice.Outcome(0, byEdge));
        (await PutPolicyAsync(admin, "learned")).EnsureSuccessStatusCode();
        var byLearner = await hub.DecideAsync("switch-2");
        await hub.ReportAsync(RawHubDevice.Outcome(1, byLearner));

        Assert.Equal("edge-1", byEdge.Target);
        var rows = await Eventually.QueryAsync(Hub.App, db => db.DecisionLog.Where(d => d.NodeId == device.Id).OrderBy(d => d.Sequence).ToListAsync());
        Assert.Equal([("edge", 1.0), ("learned", 1.0)], rows.Select(r => (r.ServedBy!, r.ActionProbability!.Value)));
    }

    [Fact]
    public async Task Only_an_admin_switches_the_serving_policy_and_only_to_a_known_one()
    {
        using var anonymous = new HttpClient { BaseAddress = Hub.Address };
        using var unknown = await PutPolicyAsync(await AdminAsync(), "oracle");
        using var operatorClient = new HttpClient { BaseAddress = Hub.Address };
        await SignIn.AsNewOperatorAsync(Hub.App.Services, operatorClient);

        using var byOperator = await PutPolicyAsync(operatorClient, "cloud");
        using var byNobody = await PutPolicyAsync(anonymous, "cloud");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("policy", out _));
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal(ServingPolicies.Learned, Hub.App.Services.GetRequiredService<DecisionService>().ServingPolicy);
    }

    private async Task<(Guid Id, string ApiKey)> RegisterDeviceAsync()
    {
        using var http = new HttpClient { BaseAddress = Hub.Address };
        return await DeviceRegistration.RegisterDeviceAsync(http);
    }

    private async Task<HttpClient> AdminAsync()
    {
        var admin = new HttpClient { BaseAddress = Hub.Address };
        await SignIn.AsAdminAsync(admin);
        return admin;
    }

    private static Task<HttpResponseMessage> PutPolicyAsync(HttpClient client, string policy) =>
        client.PutAsync(
            new Uri("/api/v1/serving-policy", UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(new { policy }), Encoding.UTF8, "application/json"));

    /// <summary>Runs <paramref name="decide"/> while <paramref name="policy"/> serves (switched over REST), then the learner again.</summary>
    private async Task<T> WithServingPolicyAsync<T>(string policy, Func<Task<T>> decide)
    {
        using var admin = await AdminAsync();
        (await PutPolicyAsync(admin, policy)).EnsureSuccessStatusCode();
        try
        {
            return await decide();
        }
        finally
        {
            (await PutPolicyAsync(admin, ServingPolicies.Learned)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Waits until cloud-1's worker counts as offline (a test before may have left it heartbeating).</summary>
    private Task CloudOfflineAsync()
    {
        var cloud = fleet.Registry.Named("cloud-1")!;
        return Eventually.HoldsAsync(() => !fleet.Registry.IsOnline(cloud));
    }

    /// <summary>A fresh DQN published as exploring (live mode): its epsilon is 1, every allowed action equally likely.</summary>
    private void PublishExploringLearner()
    {
        var scenario = ScenarioLoader.Load(Hub.App.Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value.ScenarioPath);
        Hub.App.Services.GetRequiredService<DecisionService>().Publish(scenario, LearnerCatalog.Default("dqn").Create(scenario, 1), exploring: true);
    }
}
