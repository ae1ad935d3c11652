using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Web.Api;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests;

/// <summary>
/// No control character reaches the database or an echo on any REST path: every string field of every body is
/// refused with a 400 validation problem naming the field. (A NUL in one outcome's request id once made PostgreSQL
/// reject the whole COPY of a batch.)
/// </summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed class ControlCharacterTests(RealSocketAppFixture fixture)
{
    private readonly int _logMark = fixture.Logs.Mark();

    /// <summary>The JSON escape of U+0000.</summary>
    private const string Nul = "\\u0000";

    /// <summary>Every string field of every REST body: (endpoint, field as the errors name it).</summary>
    public static TheoryData<string, string> EveryStringField => new()
    {
        { Telemetry, "outcomes[0].requestId" },
        { Telemetry, "outcomes[0].user" },
        { Telemetry, "outcomes[0].target" },
        { Telemetry, "outcomes[0].variant" },
        { Telemetry, "outcomes[0].ticket" },
        { Decisions, "requestId" },
        { Decisions, "user" },
        { Decisions, "networkCondition" },
        { Devices, "name" },
        { Devices, "profile" },
        { SignIn, "userName" },
        { SignIn, "password" },
        { Accounts, "userName" },
        { Accounts, "password" },
        { Accounts, "role" },
        { TrainingRuns, "agent" },
        { TrainingRuns, "scenario" },
        { TrainingRuns, "mode" },
    };

    private const string Telemetry = "/api/v1/telemetry";
    private const string Decisions = "/api/v1/decisions";
    private const string Devices = "/api/v1/devices";
    private const string SignIn = "/api/v1/accounts/sign-in";
    private const string Accounts = "/api/v1/accounts";
    private const string TrainingRuns = "/api/v1/training-runs";

    [Theory]
    [MemberData(nameof(EveryStringField))]
    public async Task A_NUL_in_any_string_field_is_400_naming_the_field(string endpoint, string field)
    {
        using var response = await PostAsync(endpoint, field, $"\"ab{Nul}cd\"");

        await AssertRefusedAsync(response, field, TextField.ControlCharacters);
    }

    [Theory]
    [InlineData("\\u0001")]
    [InlineData("\\u001f")]
    [InlineData("\\t")]
    [InlineData("\\n")]
    [InlineData("\\r")]
    [InlineData("\\u007f")]
    [InlineData("\\u0085")]
    [InlineData("\\u009f")]
    public async Task Every_C0_and_C1_control_character_and_DEL_is_refused(string escaped)
    {
        using var response = await PostAsync(Telemetry, "outcomes[0].requestId", $"\"req{escaped}\"");

        await AssertRefusedAsync(response, "outcomes[0].requestId", TextField.ControlCharacters);
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00")]
    [InlineData("\\udc00\\ud800")]
    public async Task An_unpaired_surrogate_is_refused_naming_the_field(string escaped)
    {
        using var response = await PostAsync(Decisions, "requestId", $"\"r-{escaped}\"");

        // The JSON reader may refuse it before the rule does; either way a 400 naming the field.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("requestId", out _), $"expected an error for 'requestId', got {errors}");
    }

    [Fact]
    public async Task Printable_Unicode_with_an_emoji_is_stored_intact()
    {
        using var client = fixture.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        const string RequestId = "r-\u00e9\u4e2d\ud83d\ude80 1";
        var decision = await ServedPolicy.DecideAsync(client, apiKey, RequestId);

        using var response = await SendAsync(client, Telemetry, ServedPolicy.Batch(ServedPolicy.Outcome(decision, 0)), apiKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var row = Assert.Single(await db.DecisionLog.Where(d => d.NodeId == id).ToListAsync());
        Assert.Equal(RequestId, row.RequestId);
    }

    [Fact]
    public async Task A_batch_refused_for_a_NUL_leaves_storage_working_for_the_next_batch()
    {
        using var client = fixture.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);

        using var refused = await SendAsync(client, Telemetry, TelemetryBody("requestId", $"\"r{Nul}\""), apiKey);
        var decision = await ServedPolicy.DecideAsync(client, apiKey, "r-2");
        using var accepted = await SendAsync(client, Telemetry, ServedPolicy.Batch(ServedPolicy.Outcome(decision, 1)), apiKey);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        Assert.Equal("r-2", Assert.Single(await db.DecisionLog.Where(d => d.NodeId == id).ToListAsync()).RequestId);
        Assert.DoesNotContain(fixture.Logs.Since(_logMark), e => e.Level >= LogLevel.Error);
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, string field, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"expected an error for '{field}', got {errors}");
        Assert.Equal(message, messages[0].GetString());
        Assert.DoesNotContain(fixture.Logs.Since(_logMark), e => e.Level >= LogLevel.Error);
    }

    /// <summary>A valid body for <paramref name="endpoint"/> but for <paramref name="field"/>, which is <paramref name="json"/>; with whatever credentials the endpoint needs.</summary>
    private async Task<HttpResponseMessage> PostAsync(string endpoint, string field, string json)
    {
        using var client = fixture.CreateClient();
        switch (endpoint)
        {
            case Telemetry:
            {
                var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
                return await SendAsync(client, endpoint, TelemetryBody(field["outcomes[0].".Length..], json), apiKey);
            }

            case Decisions:
            {
                var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
                return await SendAsync(client, endpoint, Body(field, json, ("requestId", "\"r-1\""), ("user", "\"camera-1\""), ("uplinkMbps", "20"), ("rttEdgeMs", "5"), ("rttCloudMs", "40"), ("localLoad", "0"), ("networkCondition", "\"regular\"")), apiKey);
            }

            case Devices:
                return await DeviceRegistration.RegisterAsync(client, Body(field, json, ("name", $"\"{DeviceRegistration.UniqueName()}\""), ("profile", "\"rpi4\"")));
            case SignIn:
                return await SendAsync(client, endpoint, Body(field, json, ("userName", $"\"{Infrastructure.SignIn.AdminUserName}\""), ("password", "\"not-the-password-1\"")));
            case Accounts:
                await Infrastructure.SignIn.AsAdminAsync(client);
                return await SendAsync(client, endpoint, Body(field, json, ("userName", $"\"operator-{Guid.NewGuid():N}\""), ("password", "\"a-long-enough-password\""), ("role", "\"Operator\"")));
            case TrainingRuns:
                await Infrastructure.SignIn.AsAdminAsync(client);
                return await SendAsync(client, endpoint, Body(field, json, ("agent", "\"dqn\""), ("scenario", "\"paper-mobilenet\""), ("mode", "\"twin\"")));
            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "no body for this endpoint");
        }
    }

    /// <summary>An outcome valid in every field but <paramref name="field"/> (its ticket answers no decision: the field checks come first).</summary>
    private static string TelemetryBody(string field, string json) =>
        $$"""{ "outcomes": [{{Body(field, json, ("sequence", "0"), ("requestId", "\"r-1\""), ("user", "\"camera-1\""), ("action", "3"), ("target", "\"edge-1\""), ("variant", "\"mobilenet-0.5-160\""), ("latencyMs", "42.5"), ("energyJ", "0.8"), ("accuracy", "0.71"), ("observedAt", JsonSerializer.Serialize(DateTimeOffset.UtcNow)), ("ticket", "\"AAABlNWJ0pAQ8n1cUZ3eYTq9k2fW6xLp\""))}}] }""";

    /// <summary>A JSON object of <paramref name="valid"/> (raw JSON values) with <paramref name="field"/> set to <paramref name="json"/>.</summary>
    private static string Body(string field, string json, params (string Name, string Json)[] valid)
    {
        Assert.Contains(valid, v => v.Name == field);
        return "{ " + string.Join(", ", valid.Select(v => $"\"{v.Name}\": {(v.Name == field ? json : v.Json)}")) + " }";
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string endpoint, string body, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await client.SendAsync(request);
    }
}
