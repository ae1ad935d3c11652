using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed partial class OpenApiTests(MigratedAppFixture fixture)
{
    private static readonly Lock DocumentGate = new();
    private static Task<string>? _served;

    /// <summary>Every API operation: its method, path, operation id, and the security schemes it accepts (any one; none: anonymous).</summary>
    public static TheoryData<string, string, string, string> Endpoints => new()
    {
        { "post", "/api/v1/devices", "registerDevice", "RegistrationToken SessionCookie" },
        { "get", "/api/v1/devices", "listDevices", "SessionCookie" },
        { "get", "/api/v1/devices/{id}", "getDevice", "SessionCookie" },
        { "delete", "/api/v1/devices/{id}", "revokeDevice", "SessionCookie" },
        { "post", "/api/v1/devices/{id}/heartbeat", "reportHeartbeat", "DeviceKey" },
        { "post", "/api/v1/telemetry", "reportTelemetry", "DeviceKey" },
        { "post", "/api/v1/decisions", "requestDecision", "DeviceKey" },
        { "get", "/api/v1/topology", "getTopology", "SessionCookie" },
        { "get", "/api/v1/training-runs", "listTrainingRuns", "SessionCookie" },
        { "get", "/api/v1/training-runs/{id}", "getTrainingRun", "SessionCookie" },
        { "get", "/api/v1/training-runs/{id}/curve", "getTrainingRunCurve", "SessionCookie" },
        { "post", "/api/v1/training-runs", "startTrainingRun", "SessionCookie" },
        { "post", "/api/v1/training-runs/{id}/stop", "stopTrainingRun", "SessionCookie" },
        { "post", "/api/v1/accounts/sign-in", "signIn", "" },
        { "post", "/api/v1/accounts/sign-out", "signOut", "SessionCookie" },
        { "get", "/api/v1/accounts/me", "getCurrentAccount", "SessionCookie" },
        { "post", "/api/v1/accounts", "createAccount", "SessionCookie" },
        { "post", "/api/v1/workers", "registerWorker", "RegistrationToken SessionCookie" },
        { "get", "/api/v1/workers", "listWorkers", "SessionCookie" },
        { "delete", "/api/v1/workers/{id}", "revokeWorker", "SessionCookie" },
        { "get", "/api/v1/serving-policy", "getServingPolicy", "SessionCookie" },
        { "put", "/api/v1/serving-policy", "setServingPolicy", "SessionCookie" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_document_lists_every_api_endpoint_with_a_tag_a_summary_and_its_operation_id(string method, string path, string operationId, string credentials)
    {
        _ = credentials;
        using var document = await DocumentAsync();

        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.True(operation.GetProperty("tags").GetArrayLength() > 0, $"{method} {path} has no tag");
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_operation_names_the_credentials_its_endpoint_requires(string method, string path, string operationId, string credentials)
    {
        _ = operationId;
        using var document = await DocumentAsync();

        var security = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security");

        var schemes = security.EnumerateArray().Select(requirement => string.Join('+', requirement.EnumerateObject().Select(s => s.Name)));
        Assert.Equal(credentials, string.Join(' ', schemes));
        var declared = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), Scheme(declared, "DeviceKey"));
        Assert.Equal(("apiKey", "cookie", "EdgeControl.Auth"), Scheme(declared, "SessionCookie"));
        Assert.Equal(("apiKey", "header", "X-Registration-Token"), Scheme(declared, "RegistrationToken"));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_operation_documents_the_problem_details_the_pipeline_can_answer_it_with(string method, string path, string operationId, string credentials)
    {
        _ = operationId;
        using var document = await DocumentAsync();

        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);
        var responses = operation.GetProperty("responses");

        var expected = new List<string> { "503" };
        if (credentials.Length > 0)
        {
            expected.Add("401");
        }

        if (method != "get")
        {
            expected.AddRange(["403", "415"]);
        }

        if (operation.TryGetProperty("requestBody", out _))
        {
            expected.AddRange(["400", "413"]);
        }

        foreach (var status in expected)
        {
            Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} does not document {status}");
        }

        foreach (var response in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
        {
            var schema = response.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
            Assert.Contains(schema, new[] { "#/components/schemas/ProblemDetails", "#/components/schemas/HttpValidationProblemDetails" });
            Assert.False(string.IsNullOrWhiteSpace(response.Value.GetProperty("description").GetString()), $"{method} {path} {response.Name} has no description");
        }
    }

    [Fact]
    public async Task A_state_change_sent_with_the_session_cookie_and_no_body_documents_the_header_it_needs()
    {
        using var document = await DocumentAsync();

        var marked = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Operation: o.Value, Name: o.Value.GetProperty("operationId").GetString())))
            .Where(o => o.Operation.TryGetProperty("parameters", out var parameters)
                && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "X-Requested-With" && p.GetProperty("required").GetBoolean()))
            .Select(o => o.Name);

        Assert.Equal(["revokeDevice", "revokeWorker", "signOut", "stopTrainingRun"], marked.Order());
    }

    [Fact]
    public async Task Every_tag_is_described_and_every_request_body_has_an_example()
    {
        using var document = await DocumentAsync();

        Assert.All(document.RootElement.GetProperty("tags").EnumerateArray(), tag => Assert.False(string.IsNullOrWhiteSpace(tag.GetProperty("description").GetString())));
        var bodies = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject())
            .Where(o => o.Value.TryGetProperty("requestBody", out _))
            .Select(o => o.Value.GetProperty("requestBody"))
            .ToList();
        Assert.Equal(8, bodies.Count);
        Assert.All(bodies, body =>
        {
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("description").GetString()));
            Assert.True(body.GetProperty("content").GetProperty("application/json").GetProperty("examples").EnumerateObject().Any());
        });
    }

    [Fact]
    public async Task The_document_has_no_endpoint_beyond_the_listed_ones()
    {
        using var document = await DocumentAsync();

        var listed = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name} {p.Name}"));

        Assert.Equal(Endpoints.Select(e => $"{e[0]} {e[1]}").Order(), listed.Order());
    }

    [Fact]
    public async Task The_decision_endpoint_documents_its_answer_and_its_problem_details()
    {
        using var document = await DocumentAsync();

        var responses = document.RootElement.GetProperty("paths").GetProperty("/api/v1/decisions").GetProperty("post").GetProperty("responses");

        Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty("application/json", out _));
        foreach (var status in new[] { "400", "401", "503" })
        {
            Assert.True(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"no problem details for {status}");
        }
    }

    [Fact]
    public async Task The_reference_page_loads_its_scripts_from_the_app_itself()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var client = app.CreateClient();

        var page = await client.GetStringAsync(new Uri("/scalar/", UriKind.Relative));

        var scripts = ScriptSource().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.DoesNotContain("http://", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        foreach (var script in scripts)
        {
            Assert.False(Uri.TryCreate(script, UriKind.Absolute, out _), $"script {script} is not served by the app");
            using var response = await client.GetAsync(new Uri("/scalar/" + script, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Contains("\"withDefaultFonts\":false", page, StringComparison.Ordinal);
    }

    /// <summary>The served document, fetched once for all these tests (the app is the same for each).</summary>
    private async Task<JsonDocument> DocumentAsync()
    {
        Task<string> served;
        lock (DocumentGate)
        {
            served = _served ??= FetchAsync(fixture.App);
        }

        return JsonDocument.Parse(await served);
    }

    private static async Task<string> FetchAsync(EdgeControlAppFactory app)
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
    }

    private static (string?, string?, string?) Scheme(JsonElement schemes, string name)
    {
        var scheme = schemes.GetProperty(name);
        return (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString());
    }

    [GeneratedRegex(""""<script[^>]*\ssrc="([^"]+)"""")]
    private static partial Regex ScriptSource();
}
