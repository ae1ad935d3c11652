using System.Net;
using System.Text;
using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Tests;

/// <summary>
/// A device speaks only for itself over REST: an outcome posted to <c>/api/v1/telemetry</c> is stored only when it
/// answers, once, a decision issued to that device (<c>/api/v1/decisions</c>), with the decision's ticket; anything
/// else is listed in <c>rejected</c> with the reason and never stored. Tickets outlive the process that issued them.
/// </summary>
[Collection(MigratedAppDefinition.Name)]
public sealed class TelemetryTrustTests(MigratedAppFixture fixture)
{
    private static readonly Uri Telemetry = new("/api/v1/telemetry", UriKind.Relative);

    [Fact]
    public async Task An_outcome_of_another_devices_decision_is_rejected_and_not_stored()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (_, ownerKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        var (otherId, otherKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        var decision = await ServedPolicy.DecideAsync(client, ownerKey, "r-1");

        var answer = await PostAsync(client, otherKey, ServedPolicy.Outcome(decision, 0));

        AssertRejected(answer, 0, "outcomes[0].ticket: Not the ticket of a decision issued to this device");
        Assert.Empty(await StoredAsync(app, otherId));
    }

    [Theory]
    [InlineData("user", "\"inspector-1\"", "outcomes[0].user: 'inspector-1' is not a user this device hosts")]
    [InlineData("requestId", "\"never-issued\"", "outcomes[0].ticket: Not the ticket")]
    [InlineData("variant", "\"mobilenet_v1_0.25_128\"", "outcomes[0].ticket: Not the ticket")]
    [InlineData("target", "\"a-target-never-decided\"", "outcomes[0].ticket: Not the ticket")]
    [InlineData("ticket", "\"AAABlNWJ0pAQ8n1cUZ3eYTq9k2fW6xLp\"", "outcomes[0].ticket: Not the ticket")]
    [InlineData("ticket", "\"short\"", "outcomes[0].ticket: Not the ticket")]
    [InlineData("ticket", null, "outcomes[0].ticket: The ticket of the decision")]
    public async Task An_outcome_that_does_not_answer_its_decision_as_issued_is_rejected_naming_why_and_not_stored(string field, string? json, string reason)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        var decision = await ServedPolicy.DecideAsync(client, apiKey, "r-1");
        // A variant the policy did not choose: the other end of the catalog from the one it did.
        var changed = field == "variant" && decision.Variant == "mobilenet_v1_0.25_128" ? "\"mobilenet_v1_1.0_224\"" : json;

        var answer = await PostAsync(client, apiKey, ServedPolicy.Outcome(decision, 0, (field, changed)));

        AssertRejected(answer, 0, reason);
        Assert.Empty(await StoredAsync(app, id));
    }

    [Fact]
    public async Task A_second_report_of_a_decision_under_another_sequence_is_rejected_and_a_re_send_under_the_same_sequence_is_a_duplicate()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        var decision = await ServedPolicy.DecideAsync(client, apiKey, "r-1");
        var first = await PostAsync(client, apiKey, ServedPolicy.Outcome(decision, 0));

        var again = await PostAsync(client, apiKey, ServedPolicy.Outcome(decision, 0), ServedPolicy.Outcome(decision, 1));

        Assert.Equal(1, first.GetProperty("accepted").GetInt32());
        Assert.Equal(0, again.GetProperty("accepted").GetInt32());
        Assert.Equal(1, again.GetProperty("duplicates").GetInt32());
        AssertRejected(again, 1, "outcomes[1].requestId: The outcome of request 'r-1' was reported already (sequence 0).");
        Assert.Equal([0L], (await StoredAsync(app, id)).Select(r => r.Sequence));
    }

    [Fact]
    public async Task An_outcome_reported_after_a_control_plane_restart_with_a_ticket_from_before_is_accepted()
    {
        Guid id;
        string apiKey;
        ExecuteCommand decision;
        await using (var before = CreateApp())
        {
            using var client = before.CreateClient();
            (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
            decision = await ServedPolicy.DecideAsync(client, apiKey, "r-1");
        }

        await using var after = CreateApp();
        using var restarted = after.CreateClient();
        var answer = await PostAsync(restarted, apiKey, ServedPolicy.Outcome(decision, 0));

        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(0, answer.GetProperty("rejected").GetArrayLength());
        Assert.Equal("r-1", Assert.Single(await StoredAsync(after, id)).RequestId);
        // The key both instances signed and verified with is the one row the first start created.
        Assert.Equal(1, await Eventually.QueryAsync(after, db => db.DecisionTicketKeys.CountAsync()));
    }

    [Fact]
    public async Task A_decision_reported_before_a_control_plane_restart_is_refused_a_second_report_after_it()
    {
        Guid id;
        string apiKey;
        ExecuteCommand decision;
        await using (var before = CreateApp())
        {
            using var client = before.CreateClient();
            (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
            decision = await ServedPolicy.DecideAsync(client, apiKey, "r-1");
            await PostAsync(client, apiKey, ServedPolicy.Outcome(decision, 0));
        }

        await using var after = CreateApp();
        using var restarted = after.CreateClient();
        var answer = await PostAsync(restarted, apiKey, ServedPolicy.Outcome(decision, 0), ServedPolicy.Outcome(decision, 1));

        Assert.Equal(1, answer.GetProperty("duplicates").GetInt32());
        AssertRejected(answer, 1, "outcomes[1].requestId: The outcome of request 'r-1' was reported already (sequence 0).");
        Assert.Equal([0L], (await StoredAsync(after, id)).Select(r => r.Sequence));
    }

    [Fact]
    public async Task An_outcome_after_the_decision_window_is_rejected_and_not_stored()
    {
        var window = TimeSpan.FromSeconds(1);
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Devices:RegistrationToken"] = DeviceRegistration.Token,
            ["Outcomes:DecisionWindow"] = window.ToString(),
        });
        ServedPolicy.Serve(app);
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        var decision = await ServedPolicy.DecideAsync(client, apiKey, "r-1");
        var decidedBy = DateTimeOffset.UtcNow;
        await Eventually.HoldsAsync(() => DateTimeOffset.UtcNow > decidedBy + window);

        var answer = await PostAsync(client, apiKey, ServedPolicy.Outcome(decision, 0));

        AssertRejected(answer, 0, "outcomes[0].ticket: The decision was issued at");
        Assert.Empty(await StoredAsync(app, id));
    }

    /// <summary>The app with a policy to decide with (the orchestrator is off in tests).</summary>
    private EdgeControlAppFactory CreateApp()
    {
        var app = DeviceRegistration.CreateApp(fixture.ConnectionString);
        ServedPolicy.Serve(app);
        return app;
    }

    /// <summary>Posts the outcomes (JSON objects) with the device's key; the answer must be 200.</summary>
    private static async Task<JsonElement> PostAsync(HttpClient client, string apiKey, params string[] outcomes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Telemetry)
        {
            Content = new StringContent(ServedPolicy.Batch(outcomes), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static void AssertRejected(JsonElement answer, long sequence, string reason)
    {
        var rejected = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal(sequence, rejected.GetProperty("sequence").GetInt64());
        Assert.StartsWith(reason, rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private static Task<List<DecisionLogEntity>> StoredAsync(EdgeControlAppFactory app, Guid nodeId) =>
        Eventually.QueryAsync(app, db => db.DecisionLog.Where(d => d.NodeId == nodeId).OrderBy(d => d.Sequence).ToListAsync());
}
