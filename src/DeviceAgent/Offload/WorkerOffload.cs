using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.DeviceAgent.Hub;
using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// Runs a request on the worker the control plane chose: POSTs the variant's input to
/// <see cref="WorkerContract.InferPath"/> with the decision's worker token, and measures what the device sees: the
/// time until the answer (latency), the time the radio spent sending the input (<see cref="UplinkTime"/>), and from these the device energy with the
/// twin's own model (<see cref="Physics.OffloadEnergyJ"/>). Accuracy is the variant's published top-1: the worker's
/// weights are random, so its classes mean nothing. A request with no answer within the user's timeout, or refused,
/// is lost exactly as the twin loses one (<see cref="Physics.Lost"/>).
/// </summary>
/// <param name="rtt">The device's measured round trips, to tell the upload from the network's round trip (<see cref="UplinkTime"/>).</param>
internal sealed class WorkerOffload(HttpClient http, InputPatterns inputs, OffloadCounters counters, RttProbe rtt, TextWriter log)
{
    public OffloadCounters Counters => counters;

    /// <param name="uplinkMbps">The user's uplink now (its network condition, the rate the uplink is shaped to): the radio's power depends on it.</param>
    /// <param name="stop">The agent's own stop: cancels without a result (null), as nothing was measured.</param>
    public async Task<OffloadResult?> RunAsync(ExecuteCommand command, User user, ModelVariant variant, double uplinkMbps, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(variant);
        var worker = command.WorkerUrl ?? throw new ArgumentException("the command names no worker", nameof(command));
        var timeout = TimeSpan.FromMilliseconds(Physics.TimeoutMs(user));
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(timeout);
        var rttMs = rtt.SmoothedMs(command.TargetTier) ?? 0.0;
        var sendingMs = 0.0;
        var writtenMs = 0.0;
        var retried = false;
        try
        {
            while (true)
            {
                var body = new TimedContent(inputs.For(variant), clock);
                using var request = Request(command, body);
                var attemptStartMs = clock.Elapsed.TotalMilliseconds;
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
                var answer = response.IsSuccessStatusCode ? await ReadAnswerAsync(response, deadline.Token) : null;
                var attemptMs = clock.Elapsed.TotalMilliseconds - attemptStartMs;
                var written = body.SendingMs(clock.Elapsed.TotalMilliseconds);
                writtenMs += written;
                sendingMs += UplinkTime.Estimate(attemptMs, written, answer is null ? 0.0 : answer.QueueMs + answer.ComputeMs, rttMs);
                if (response.IsSuccessStatusCode)
                {
                    if (answer?.RequestId != command.RequestId)
                    {
                        return Lost(worker, user, variant, uplinkMbps, OffloadFailure.BadAnswer, $"HTTP {(int)response.StatusCode} without an InferenceAnswer for {command.RequestId}");
                    }

                    var totalMs = clock.Elapsed.TotalMilliseconds;
                    counters.CountAnswer(totalMs, sendingMs, answer.QueueMs, answer.ComputeMs);
                    return new OffloadResult(
                        new Outcome(totalMs, Physics.OffloadEnergyJ(user, uplinkMbps, sendingMs, totalMs - sendingMs), variant.Top1), sendingMs, writtenMs, answer, null);
                }

                if (!retried && IsBusy(response.StatusCode) && RetryAfter(response) is { } wait && clock.Elapsed + wait < timeout)
                {
                    // Honoured once: a second refusal means the worker stays full for longer than this request can wait.
                    retried = true;
                    await Task.Delay(wait, deadline.Token);
                    continue;
                }

                var failure = response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized => OffloadFailure.Unauthorized,
                    HttpStatusCode.BadRequest => OffloadFailure.BadRequest,
                    var s when IsBusy(s) => OffloadFailure.Busy,
                    _ => OffloadFailure.BadAnswer,
                };
                return Lost(worker, user, variant, uplinkMbps, failure, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return Lost(worker, user, variant, uplinkMbps, OffloadFailure.Timeout, $"no answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (UriFormatException error)
        {
            return Lost(worker, user, variant, uplinkMbps, OffloadFailure.Network, $"the decision's worker URL: {error.Message}");
        }
        catch (HttpRequestException error)
        {
            var refused = error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };
            return Lost(worker, user, variant, uplinkMbps, refused ? OffloadFailure.Refused : OffloadFailure.Network, HubFaults.Describe(error));
        }
    }

    private static HttpRequestMessage Request(ExecuteCommand command, TimedContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, WorkerAddress.Of(command.WorkerUrl!, WorkerContract.InferPath)) { Content = body };
        // Sent as the control plane wrote them: the worker, not this client, judges a token.
        request.Headers.TryAddWithoutValidation(WorkerContract.TokenHeader, command.WorkerToken);
        request.Headers.TryAddWithoutValidation(WorkerContract.RequestIdHeader, command.RequestId);
        request.Headers.TryAddWithoutValidation(WorkerContract.VariantHeader, command.Variant);
        return request;
    }

    private static async Task<InferenceAnswer?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<InferenceAnswer>(JsonSerializerOptions.Web, cancel);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsBusy(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private OffloadResult Lost(string worker, User user, ModelVariant variant, double uplinkMbps, OffloadFailure failure, string detail)
    {
        if (counters.FirstOf(worker, failure))
        {
            log.WriteLine($"offload to {worker} lost: {failure} ({detail}); further {failure} losses there are counted in the progress line");
        }

        return new OffloadResult(Physics.Lost(user, variant, uplinkMbps), 0.0, 0.0, null, failure);
    }
}
