using Polly;
using Polly.Retry;

namespace EdgeControl.Worker.ControlPlane;

/// <summary>
/// How the worker retries the control plane (registration, the hub connection): forever, waiting twice as long after
/// every failure up to 30 s, with jitter so workers that lost the server together do not return in the same
/// millisecond. A fault is logged when it differs from the last one, not on every retry of a long outage.
/// </summary>
internal static class ControlPlaneRetry
{
    /// <param name="note">Where a changed fault is said (a log, the console before the host exists).</param>
    /// <param name="giveUpOn">Faults retrying cannot fix (a refused registration): thrown to the caller.</param>
    public static ResiliencePipeline Forever(Action<string> note, string what, Func<Exception, bool>? giveUpOn = null)
    {
        string? last = null;
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // Everything but the caller stopping (an HttpClient timeout is a TaskCanceledException too, and is retried).
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Exception is { } error && !arguments.Context.CancellationToken.IsCancellationRequested && giveUpOn?.Invoke(error) != true),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = arguments =>
                {
                    var fault = Describe(arguments.Outcome.Exception);
                    if (!string.Equals(fault, last, StringComparison.Ordinal))
                    {
                        last = fault;
                        note($"cannot {what} yet ({fault}); retrying with backoff up to 30 s");
                    }

                    return default;
                },
            })
            .Build();
    }

    /// <summary>The first line of an error's message, for one-line logs.</summary>
    public static string Describe(Exception? error) =>
        error is null ? "no error" : $"{error.GetType().Name}: {error.Message.Split('\n', 2)[0].Trim()}";
}
