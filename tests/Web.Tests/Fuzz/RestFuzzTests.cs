using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// Generated malformed bodies on every POST/PUT/PATCH/DELETE endpoint, as anonymous, operator, admin and device:
/// no input gets a 5xx or goes unanswered, every 4xx the app answers is problem details, nothing is logged as an error, and the app
/// still serves valid requests afterwards. The storm runs once (<see cref="FuzzAppFixture"/>); each test judges one rule.
/// </summary>
[Collection(FuzzDefinition.Name)]
public sealed class RestFuzzTests(FuzzAppFixture fixture)
{
    /// <summary>Failures listed in a message, at most (the table has them all).</summary>
    private const int Shown = 25;

    [Fact]
    public void Every_unsafe_endpoint_has_a_generator()
    {
        var (fuzzed, withoutGenerator) = UnsafeEndpoints.Of(fixture.App.Services.GetRequiredService<EndpointDataSource>());

        Assert.True(
            withoutGenerator.Count == 0,
            $"no generator for: {string.Join(", ", withoutGenerator)}. Declare the body with .Accepts<T>(\"application/json\"), or list the endpoint in UnsafeEndpoints as taking no body.");
        Assert.Contains(fuzzed, e => e.Family == UnsafeEndpoints.JsonBody);
    }

    [Fact]
    public async Task At_least_2000_malformed_bodies_reach_every_unsafe_endpoint_as_every_credential()
    {
        var storm = await fixture.RestStorm;

        Assert.True(storm.Answers.Count >= FuzzLimits.MinBodies, $"{storm.Answers.Count} bodies sent");
        var credentials = storm.Answers.Select(a => a.Credential).Distinct().ToList();
        Assert.Equal(4, credentials.Count);
        foreach (var endpoint in storm.Endpoints)
        {
            foreach (var credential in credentials)
            {
                var sent = storm.Answers.Where(a => a.Endpoint == endpoint && a.Credential == credential).ToList();
                Assert.True(sent.Count >= 8, $"{endpoint.Name} as {credential}: {sent.Count} bodies");
            }
        }

        // A body endpoint met every mutation.
        foreach (var endpoint in storm.Endpoints.Where(e => e.Family == UnsafeEndpoints.JsonBody))
        {
            Assert.Empty(Mutations.OfBodies.Except(storm.Answers.Where(a => a.Endpoint == endpoint).Select(a => a.Input.Mutation)));
        }
    }

    [Fact]
    public async Task No_malformed_body_gets_a_5xx_or_goes_unanswered()
    {
        var storm = await fixture.RestStorm;

        Assert.True(storm.ServerErrors.Count == 0, Describe("answered 5xx or not at all", storm.ServerErrors));
    }

    /// <summary>Kestrel's own refusals (before any middleware) are listed in the table, not counted: the app cannot shape them.</summary>
    [Fact]
    public async Task Every_4xx_answer_the_app_gives_is_problem_details()
    {
        var storm = await fixture.RestStorm;

        Assert.True(storm.ClientErrorsWithoutProblemDetails.Count == 0, Describe("4xx without problem details", storm.ClientErrorsWithoutProblemDetails));
    }

    [Fact]
    public async Task No_malformed_body_logs_an_error()
    {
        var storm = await fixture.RestStorm;

        Assert.True(
            storm.ErrorsLogged.Count == 0,
            $"{storm.ErrorsLogged.Count} errors logged, e.g.: {string.Join(" || ", storm.ErrorsLogged.Take(5).Select(e => $"{e.Category}: {e.Message} {e.Exception?.GetType().Name}"))}");
    }

    [Fact]
    public async Task The_app_still_serves_valid_requests_after_the_storm()
    {
        var storm = await fixture.RestStorm;

        Assert.Equal(4, storm.AfterStorm.Count);
        Assert.All(storm.AfterStorm, check => Assert.True(check.Passed, $"{check.Check}: {check.Answer} {check.Detail}"));
    }

    private static string Describe(string what, IReadOnlyList<RestAnswer> answers) =>
        $"{answers.Count} {what} (table: TestResults/security/fuzz.md); by endpoint and status: "
        + string.Join(
            " || ",
            answers.GroupBy(a => (a.Endpoint.Name, a.Status, a.ContentType)).Take(Shown).Select(g =>
            {
                var a = g.First();
                return $"{g.Key.Name} -> {g.Key.Status} {g.Key.ContentType ?? "(no content type)"} x{g.Count()}, e.g. as {a.Credential} {a.Input.Mutation} ({a.Input.Detail}) {a.Path} {a.Input.Preview(80)} => {a.Excerpt[..Math.Min(a.Excerpt.Length, 120)]}";
            }));
}
