using Microsoft.AspNetCore.SignalR.Client;

namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// Reconnects forever, waiting twice as long after every failed attempt (up to a ceiling) with some jitter, so a
/// thousand devices that lost the server at once do not all come back in the same millisecond.
/// </summary>
internal sealed class BackoffRetryPolicy(TimeSpan first, TimeSpan ceiling) : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) => Delay(retryContext.PreviousRetryCount);

    public TimeSpan Delay(long previousAttempts)
    {
        var doubled = first.Ticks * Math.Pow(2, Math.Min(previousAttempts, 30));
        var capped = Math.Min(doubled, ceiling.Ticks);
        return TimeSpan.FromTicks((long)(capped * (0.75 + 0.5 * Random.Shared.NextDouble())));
    }
}
