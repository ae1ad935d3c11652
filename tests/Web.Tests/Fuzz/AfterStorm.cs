using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EdgeControl.Protocol;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// The app still serves valid requests after the storm: a fresh client (another loopback address, so the storm's own
/// throttling does not apply to it) registers a device, asks it a decision, reports that decision's outcome and signs
/// in. Each body is the valid example of its endpoint's shape (<see cref="ValidExamples"/>, as the storm's bodies are
/// before they are broken); the outcome has every field the decision's answer has too copied from it (request id,
/// user, target, variant; a ticket as well, once decisions carry one).
/// </summary>
internal static class AfterStorm
{
    /// <summary>A client address the storm did not use.</summary>
    public static readonly IPAddress Address = IPAddress.Parse("127.0.0.3");

    private const string Registration = "POST /api/v1/devices/";

    private const string Decisions = "POST /api/v1/decisions/";

    private const string Telemetry = "POST /api/v1/telemetry/";

    /// <summary>Far from the storm's examples, so no name or request id of the storm is met again.</summary>
    private const int Unique = 980_000;

    public static async Task<IReadOnlyList<AfterStormCheck>> CheckAsync(RealSocketAppFixture fixture, IReadOnlyList<FuzzedEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(endpoints);
        var checks = new List<AfterStormCheck>();
        using var client = LoopbackClient.From(fixture.Address, Address);
        JsonObject Example(string endpoint) => ValidExamples.Of(endpoints.Single(e => e.Name == endpoint).Shape!, Unique).AsObject();

        using var registered = await DeviceRegistration.RegisterAsync(client, Example(Registration).ToJsonString());
        var device = await AddAsync(checks, "register a device (registration token)", registered, HttpStatusCode.Created);
        if (device is null)
        {
            return checks;
        }

        var apiKey = device["apiKey"]!.GetValue<string>();
        using var decided = await PostAsync(client, "/api/v1/decisions", apiKey, Example(Decisions).ToJsonString());
        var decision = await AddAsync(checks, "ask a decision (device key)", decided, HttpStatusCode.OK);
        if (decision is not null)
        {
            var batch = Example(Telemetry);
            var outcome = batch["outcomes"]![0]!.AsObject();
            foreach (var (name, value) in decision.AsObject().Where(p => outcome.ContainsKey(p.Key)))
            {
                outcome[name] = value?.DeepClone();
            }

            using var reported = await PostAsync(client, "/api/v1/telemetry", apiKey, batch.ToJsonString());
            var stored = await AddAsync(checks, "report that decision's outcome (device key)", reported, HttpStatusCode.OK);
            if (stored is not null && stored["accepted"]?.GetValue<int>() != 1)
            {
                checks[^1] = checks[^1] with { Passed = false, Detail = $"not stored: {stored.ToJsonString()}" };
            }
        }

        try
        {
            await SignIn.AsNewOperatorAsync(fixture.App.Services, client);
            checks.Add(new AfterStormCheck("sign in (a new operator)", "200", Passed: true, string.Empty));
        }
        catch (HttpRequestException refused)
        {
            checks.Add(new AfterStormCheck("sign in (a new operator)", refused.StatusCode is { } status ? ((int)status).ToString(CultureInfo.InvariantCulture) : "no answer", Passed: false, refused.Message));
        }

        return checks;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string apiKey, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(DeviceHubContract.ApiKeyHeader, apiKey);
        return await client.SendAsync(request);
    }

    private static async Task<JsonNode?> AddAsync(List<AfterStormCheck> checks, string check, HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        var passed = response.StatusCode == expected;
        checks.Add(new AfterStormCheck(check, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), passed, passed ? string.Empty : body));
        return passed ? JsonNode.Parse(body) : null;
    }
}
