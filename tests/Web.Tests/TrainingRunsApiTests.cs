using System.Net;
using System.Net.Http.Json;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Training;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class TrainingRunsApiTests(MigratedAppFixture fixture)
{
    [Fact]
    public async Task Unknown_run_is_404_problem_details_naming_the_id()
    {
        using var client = fixture.App.CreateClient();
        await SignIn.AsAdminAsync(client);
        var id = Guid.NewGuid();

        using var response = await client.GetAsync(new Uri($"/api/v1/training-runs/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(id.ToString(), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Curve_of_an_unknown_run_is_404_problem_details()
    {
        using var client = fixture.App.CreateClient();
        await SignIn.AsAdminAsync(client);

        using var response = await client.GetAsync(new Uri($"/api/v1/training-runs/{Guid.NewGuid()}/curve", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Run_list_is_served_with_the_orchestrator_disabled()
    {
        using var client = fixture.App.CreateClient();
        await SignIn.AsAdminAsync(client);

        var runs = await client.GetFromJsonAsync<List<TrainingRunResponse>>(new Uri("/api/v1/training-runs", UriKind.Relative));

        Assert.NotNull(runs);
    }
}
