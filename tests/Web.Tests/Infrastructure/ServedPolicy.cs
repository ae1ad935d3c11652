using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Scenarios;
using EdgeControl.Protocol;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Topology;
using EdgeControl.Web.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>Decisions in tests whose orchestrator is off: a policy put in place by hand, and decisions asked for over REST.</summary>
internal static class ServedPolicy
{
    /// <summary>Loads the shipped scenario and publishes a fresh DQN policy, as the orchestrator does when a run starts.</summary>
    public static void Serve(EdgeControlAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var scenario = ScenarioLoader.Load(app.Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value.ScenarioPath);
        app.Services.GetRequiredService<TopologyTracker>().Reset(scenario);
        app.Services.GetRequiredService<DecisionService>().Publish(scenario, LearnerCatalog.Default("dqn").Create(scenario, 1));
    }

    /// <summary>Asks <c>POST /api/v1/decisions</c> for a decision (it must answer 200): the command, ticket included.</summary>
    public static async Task<ExecuteCommand> DecideAsync(HttpClient client, string apiKey, string requestId, string user = "camera-1")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/decisions", UriKind.Relative))
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { requestId, user, uplinkMbps = 20, rttEdgeMs = 5, rttCloudMs = 40, localLoad = 0 }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"decision for {user}/{requestId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ExecuteCommand>())!;
    }

    /// <summary>
    /// The JSON of one telemetry outcome answering <paramref name="command"/> as a device reports it, measured now;
    /// <paramref name="replace"/> sets fields to other raw JSON values (or removes them, with null).
    /// </summary>
    public static string Outcome(ExecuteCommand command, long sequence, params (string Field, string? Json)[] replace)
    {
        ArgumentNullException.ThrowIfNull(command);
        var fields = new Dictionary<string, string>
        {
            ["sequence"] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["requestId"] = JsonSerializer.Serialize(command.RequestId),
            ["user"] = JsonSerializer.Serialize(command.User),
            ["action"] = command.Action.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["target"] = JsonSerializer.Serialize(command.Target),
            ["variant"] = JsonSerializer.Serialize(command.Variant),
            ["latencyMs"] = "42.5",
            ["energyJ"] = "0.8",
            ["accuracy"] = "0.71",
            ["observedAt"] = JsonSerializer.Serialize(DateTimeOffset.UtcNow),
            ["ticket"] = JsonSerializer.Serialize(command.Ticket),
        };
        foreach (var (field, json) in replace)
        {
            if (json is null)
            {
                fields.Remove(field);
            }
            else
            {
                fields[field] = json;
            }
        }

        return "{ " + string.Join(", ", fields.Select(f => $"\"{f.Key}\": {f.Value}")) + " }";
    }

    /// <summary>A telemetry batch body of <paramref name="outcomes"/> (JSON objects).</summary>
    public static string Batch(params string[] outcomes) => $$"""{ "outcomes": [ {{string.Join(", ", outcomes)}} ] }""";
}
