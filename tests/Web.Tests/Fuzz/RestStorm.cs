using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// Sends generated malformed bodies to every unsafe endpoint of the app on real Kestrel, as each credential, with
/// <c>Content-Type: application/json</c>, and records every answer. One lane per credential, the lanes side by side;
/// within a lane the endpoints in turn (those that can end the session last). Then checks, as a fresh client, that the
/// app still serves valid requests.
/// </summary>
internal sealed class RestStorm(RealSocketAppFixture fixture)
{
    /// <summary>
    /// The storm's own client address: per-client limits (sign-in, registration) may throttle it, while the checks
    /// after the storm come from <see cref="AfterStorm.Address"/>.
    /// </summary>
    public static readonly IPAddress Address = IPAddress.Parse("127.0.0.2");

    /// <summary>Route values their constraint refuses, or that Kestrel refuses before routing (%00).</summary>
    private static readonly string[] MalformedRouteValues =
        ["not-a-guid", "%00", "%FF", "..%2F..%2Fetc", "%7Bid%7D", "%20", new string('9', 3_000), "00000000-0000-0000-0000-00000000000g"];

    public async Task<RestStormReport> RunAsync()
    {
        var (endpoints, withoutGenerator) = UnsafeEndpoints.Of(fixture.App.Services.GetRequiredService<EndpointDataSource>());
        var targets = await StormTargets.PrepareAsync(fixture);
        var mark = fixture.Logs.Mark();
        var clock = Stopwatch.StartNew();
        var lanes = await Task.WhenAll(targets.Credentials.Select((credential, lane) => RunLaneAsync(lane, credential, endpoints, targets)));
        clock.Stop();
        var errors = fixture.Logs.Since(mark).Where(e => e.Level >= LogLevel.Error).ToList();
        var after = await AfterStorm.CheckAsync(fixture, endpoints);
        return new RestStormReport(endpoints, withoutGenerator, [.. lanes.SelectMany(answers => answers)], errors, after, clock.Elapsed);
    }

    private async Task<List<RestAnswer>> RunLaneAsync(int lane, FuzzCredential credential, IReadOnlyList<FuzzedEndpoint> endpoints, StormTargets targets)
    {
        // Its cookie jar stays empty in practice (no fuzzed sign-in names an account); each request carries its credential.
        using var client = LoopbackClient.From(fixture.Address, Address);
        client.Timeout = FuzzLimits.AnswerPatience;
        var answers = new List<RestAnswer>();
        foreach (var (endpoint, index) in endpoints.Select((e, i) => (e, i)))
        {
            foreach (var (input, path) in Plan(lane, index, endpoint, credential, targets))
            {
                var (answer, location) = await SendAsync(client, endpoint, credential, input, path);
                answers.Add(answer);
                if (answer.Status == StatusCodes.Status201Created && location?.OriginalString.StartsWith("/api/v1/training-runs/", StringComparison.Ordinal) == true)
                {
                    // A run a fuzzed body started would learn (and take a core) for the rest of the suite: stop it now.
                    await SendAsync(client, endpoint, credential, new FuzzInput("cleanup", "stop", "{}"u8.ToArray()), $"{location}/stop");
                }
            }
        }

        return answers;
    }

    /// <summary>The inputs for one endpoint and credential, the same every run: each mutation in turn, struck where a seeded random says.</summary>
    private static IEnumerable<(FuzzInput Input, string Path)> Plan(
        int lane, int index, FuzzedEndpoint endpoint, FuzzCredential credential, StormTargets targets)
    {
        var random = new Random(StableHash.Of(FuzzLimits.Seed, endpoint.Name, credential.Name));
        var mutator = new BodyMutator(random);
        // Revoking the storm's own device would turn the device lane anonymous for the endpoints after this one.
        Guid[] ids = endpoint.Method == HttpMethods.Delete ? [targets.VictimId] : [targets.DeviceId, targets.VictimId];
        var shape = endpoint.Shape ?? new ObjectShape([]);
        var count = FuzzLimits.BodiesPerCredential(endpoint.Family);
        for (var i = 0; i < count; i++)
        {
            // Unique per body, so names and request ids the app keeps once do not collide by accident.
            var unique = (lane * 100_000) + (index * 1_000) + i;
            var mutation = Mutations.OfBodies[(i + lane) % Mutations.OfBodies.Count];
            var id = random.Next(3) == 0 ? RandomGuid(random) : ids[random.Next(ids.Length)];
            yield return (mutator.Mutate(ValidExamples.Of(shape, unique), mutation), endpoint.PathWith(id.ToString()));
        }

        if (!endpoint.HasRouteValues)
        {
            yield break;
        }

        // Every malformed route value, with a valid body.
        var valid = Encoding.UTF8.GetBytes(ValidExamples.Of(shape, (lane * 100_000) + (index * 1_000) + count).ToJsonString());
        foreach (var value in MalformedRouteValues)
        {
            yield return (new FuzzInput(Mutations.RouteValue, $"route value {Shorten(value)}", valid), endpoint.PathWith(value, raw: true));
        }
    }

    private static async Task<(RestAnswer Answer, Uri? Location)> SendAsync(
        HttpClient client, FuzzedEndpoint endpoint, FuzzCredential credential, FuzzInput input, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), new Uri(path, UriKind.Relative))
        {
            Content = new ByteArrayContent(input.Bytes),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        credential.ApplyTo(request);
        try
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            var contentType = response.Content.Headers.ContentType?.MediaType;
            var answer = new RestAnswer(endpoint, credential.Name, input, path, status, contentType, Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)))
            {
                IsProblemDetails = RestAnswer.HoldsProblemDetails(status, contentType, body),
                IsKestrelRefusal = body.Length == 0 && contentType is null && response.Headers.ConnectionClose == true,
            };
            return (answer, response.Headers.Location);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return (new RestAnswer(endpoint, credential.Name, input, path, Status: 0, ContentType: null, $"no answer: {error.GetType().Name}: {error.Message}"), null);
        }
    }

    private static Guid RandomGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string Shorten(string value) => value.Length > 40 ? $"{value[..12]}... ({value.Length} chars)" : value;
}
