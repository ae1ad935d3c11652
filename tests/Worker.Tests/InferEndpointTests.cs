using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeControl.Core.Domain;
using EdgeControl.Protocol;

namespace EdgeControl.Worker.Tests;

/// <summary>What a device gets from POST /v1/infer on a real worker: an answer for a good token, and a refusal naming what is wrong otherwise.</summary>
public sealed class InferEndpointTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    private RunningWorker Worker => fixture.Worker;

    private static ModelVariant Variant => RunningWorker.Smallest;

    [Fact]
    public async Task A_request_with_a_valid_token_is_answered_with_five_classes_and_its_timings()
    {
        var id = NewId();
        using var response = await Worker.InferAsync(Worker.Token(id, Variant), id, Variant.Name, RunningWorker.Input(Variant));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<InferenceAnswer>();
        Assert.NotNull(answer);
        Assert.Equal(id, answer.RequestId);
        Assert.Equal(5, answer.Top5.Count);
        Assert.Equal(5, answer.Top5.Distinct().Count());
        Assert.All(answer.Top5, index => Assert.InRange(index, 0, 999));
        Assert.True(answer.ComputeMs > 0, $"compute {answer.ComputeMs} ms");
        Assert.True(answer.QueueMs >= 0, $"queue {answer.QueueMs} ms");
    }

    [Fact]
    public async Task The_same_input_gets_the_same_classes()
    {
        var first = await AnswerAsync(RunningWorker.Input(Variant));
        var again = await AnswerAsync(RunningWorker.Input(Variant));

        Assert.Equal(first.Top5, again.Top5);
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401_naming_the_header()
    {
        var id = NewId();
        using var response = await Worker.InferAsync(null, id, Variant.Name, RunningWorker.Input(Variant));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, WorkerContract.TokenHeader, "missing");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused_with_401()
    {
        var id = NewId();
        using var response = await Worker.InferAsync(Worker.Token(id, Variant, key: WorkerTokens.NewKey()), id, Variant.Name, RunningWorker.Input(Variant));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, WorkerContract.TokenHeader, "signed with this worker's key");
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        var id = NewId();
        using var response = await Worker.InferAsync(
            Worker.Token(id, Variant, expiresAt: DateTimeOffset.UtcNow.AddSeconds(-1)), id, Variant.Name, RunningWorker.Input(Variant));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, WorkerContract.TokenHeader, "expired");
    }

    [Fact]
    public async Task A_token_for_another_worker_is_refused_with_401()
    {
        var id = NewId();
        using var response = await Worker.InferAsync(Worker.Token(id, Variant, worker: "edge-2"), id, Variant.Name, RunningWorker.Input(Variant));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, WorkerContract.TokenHeader, "'edge-2'");
    }

    [Fact]
    public async Task A_token_for_another_variant_is_refused_with_401()
    {
        var id = NewId();
        var other = RunningWorker.Largest;
        using var response = await Worker.InferAsync(Worker.Token(id, other), id, Variant.Name, RunningWorker.Input(Variant));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, WorkerContract.TokenHeader, other.Name);
    }

    [Fact]
    public async Task A_token_for_another_request_is_refused_with_401()
    {
        var id = NewId();
        using var response = await Worker.InferAsync(Worker.Token(NewId(), Variant), id, Variant.Name, RunningWorker.Input(Variant));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, WorkerContract.TokenHeader, WorkerContract.RequestIdHeader);
    }

    [Fact]
    public async Task A_token_is_good_once()
    {
        var id = NewId();
        var token = Worker.Token(id, Variant);
        using var first = await Worker.InferAsync(token, id, Variant.Name, RunningWorker.Input(Variant));
        using var again = await Worker.InferAsync(token, id, Variant.Name, RunningWorker.Input(Variant));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertProblemAsync(again, HttpStatusCode.Unauthorized, WorkerContract.TokenHeader, "used before");
    }

    [Fact]
    public async Task A_variant_outside_the_workers_catalog_is_refused_with_400_naming_the_header()
    {
        var id = NewId();
        var unknown = Variant with { Name = "mobilenet_v1_2.0_224" };
        using var response = await Worker.InferAsync(Worker.Token(id, unknown), id, unknown.Name, RunningWorker.Input(Variant));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, WorkerContract.VariantHeader, "names no variant of this worker's catalog");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(-1000)]
    public async Task A_body_of_the_wrong_size_is_refused_with_400_naming_the_body_and_the_size_it_takes(int offBy)
    {
        var id = NewId();
        var body = new byte[Variant.InputBytes + offBy];
        using var response = await Worker.InferAsync(Worker.Token(id, Variant), id, Variant.Name, body);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, null, Variant.InputBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("body", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_refused_body_does_not_use_up_the_token()
    {
        var id = NewId();
        var token = Worker.Token(id, Variant);
        using var wrong = await Worker.InferAsync(token, id, Variant.Name, new byte[10]);
        using var right = await Worker.InferAsync(token, id, Variant.Name, RunningWorker.Input(Variant));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Ping_answers_204_without_a_token()
    {
        using var response = await Worker.Http.GetAsync(new Uri(WorkerContract.PingPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private async Task<InferenceAnswer> AnswerAsync(byte[] input)
    {
        var id = NewId();
        using var response = await Worker.InferAsync(Worker.Token(id, Variant), id, Variant.Name, input);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<InferenceAnswer>())!;
    }

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/>, naming <paramref name="header"/> and saying <paramref name="saying"/>.</summary>
    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? header, string saying)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (header is not null)
        {
            Assert.Equal(header, problem.GetProperty("header").GetString());
        }

        Assert.Contains(saying, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return problem;
    }
}
