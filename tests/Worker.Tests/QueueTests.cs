using System.Net;
using System.Net.Http.Json;
using EdgeControl.Protocol;

namespace EdgeControl.Worker.Tests;

/// <summary>The bounded queue: a worker takes what its slots and queue hold and refuses the rest at once, saying when to come back.</summary>
public sealed class QueueTests
{
    [Fact]
    public async Task A_full_queue_answers_429_with_Retry_After_and_the_admitted_requests_are_answered()
    {
        // One slot and one place in the queue: of many requests for the largest variant sent at once (each computes for
        // tens of milliseconds), at most two are held at a time, so some must be refused.
        var variant = RunningWorker.Largest;
        await using var worker = await RunningWorker.StartAsync(o => o with { Catalog = [variant], Slots = 1, QueueLength = 1, ProfileTimedPasses = 1 });
        const int Requests = 16;
        var ids = Enumerable.Range(0, Requests).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var input = RunningWorker.Input(variant);

        var responses = await Task.WhenAll(ids.Select(id => worker.InferAsync(worker.Token(id, variant), id, variant.Name, input)));

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        var answered = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.NotEmpty(refused);
        Assert.NotEmpty(answered);
        Assert.Equal(Requests, refused.Count + answered.Count);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {r.Headers.RetryAfter}"));
        await InferEndpointTests.AssertProblemAsync(refused[0], HttpStatusCode.TooManyRequests, null, "queue");
        foreach (var response in answered)
        {
            var answer = await response.Content.ReadFromJsonAsync<InferenceAnswer>();
            Assert.Equal(5, answer!.Top5.Count);
        }

        Assert.Equal(new WorkerLoad(0, 0, 1), worker.Slots.Load);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Several_slots_answer_concurrent_requests_alike_each_on_its_own_networks()
    {
        var variant = RunningWorker.Smallest;
        await using var worker = await RunningWorker.StartAsync(o => o with { Slots = 3, QueueLength = 16 });
        var ids = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var input = RunningWorker.Input(variant);

        var responses = await Task.WhenAll(ids.Select(id => worker.InferAsync(worker.Token(id, variant), id, variant.Name, input)));

        var answers = await Task.WhenAll(responses.Select(async r =>
        {
            using (r)
            {
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                return (await r.Content.ReadFromJsonAsync<InferenceAnswer>())!;
            }
        }));
        Assert.Equal(ids.Order(), answers.Select(a => a.RequestId).Order());
        // Each slot built its own networks, from the same seeded weights: one input, one answer, whichever slot ran it.
        Assert.Single(answers.Select(a => string.Join(',', a.Top5)).Distinct());
        Assert.Equal(new WorkerLoad(0, 0, 3), worker.Slots.Load);
    }

    [Fact]
    public async Task A_request_refused_for_a_full_queue_may_come_back_with_the_same_token()
    {
        var variant = RunningWorker.Largest;
        await using var worker = await RunningWorker.StartAsync(o => o with { Catalog = [variant], Slots = 1, QueueLength = 1, ProfileTimedPasses = 1 });
        var ids = Enumerable.Range(0, 16).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var tokens = ids.ToDictionary(id => id, id => worker.Token(id, variant));
        var input = RunningWorker.Input(variant);
        var responses = await Task.WhenAll(ids.Select(async id => (Id: id, Response: await worker.InferAsync(tokens[id], id, variant.Name, input))));
        var refused = responses.First(r => r.Response.StatusCode == HttpStatusCode.TooManyRequests).Id;

        using var retried = await worker.InferAsync(tokens[refused], refused, variant.Name, input);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        foreach (var (_, response) in responses)
        {
            response.Dispose();
        }
    }
}
