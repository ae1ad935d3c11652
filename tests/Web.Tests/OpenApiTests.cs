using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed partial class OpenApiTests(MigratedAppFixture fixture)
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "post", "/api/v1/devices" },
        { "get", "/api/v1/devices" },
        { "get", "/api/v1/devices/{id}" },
        { "delete", "/api/v1/devices/{id}" },
        { "post", "/api/v1/devices/{id}/heartbeat" },
        { "post", "/api/v1/telemetry" },
        { "post", "/api/v1/decisions" },
        { "get", "/api/v1/topology" },
        { "get", "/api/v1/training-runs" },
        { "get", "/api/v1/training-runs/{id}" },
        { "get", "/api/v1/training-runs/{id}/curve" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_document_lists_every_api_endpoint_with_a_tag_and_a_summary(string method, string path)
    {
        using var document = await DocumentAsync();

        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.True(operation.GetProperty("tags").GetArrayLength() > 0, $"{method} {path} has no tag");
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
    }

    [Fact]
    public async Task The_document_has_no_api_endpoint_beyond_the_listed_ones()
    {
        using var document = await DocumentAsync();

        var listed = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1", StringComparison.Ordinal))
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

    private async Task<JsonDocument> DocumentAsync()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var client = app.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
    }

    [GeneratedRegex(""""<script[^>]*\ssrc="([^"]+)"""")]
    private static partial Regex ScriptSource();
}
