using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Accounts.SignIns;

/// <summary>
/// Limits sign-in attempts per client address (<see cref="AccountsOptions.SignInsPerMinutePerClient"/>) and per account
/// name (<see cref="AccountsOptions.SignInsPerMinutePerName"/>, all clients together) in fixed one-minute windows,
/// instead of locking an account after failures, which let anyone lock anyone out for good. The name is counted
/// whether or not an account has it, so the limit tells nothing about which names exist; the client is counted
/// first, so one client spraying names cannot fill memory with per-name windows. Someone who keeps trying one name
/// can still keep its owner waiting for the rest of each minute: that is the price of slowing a guesser spread over
/// many addresses, and it ends when they stop.
/// </summary>
/// <remarks>
/// A <see cref="PartitionedRateLimiter{TResource}"/> used inside the sign-in rather than endpoint middleware: the name
/// is in the body, and the REST endpoint and the dashboard's form share the rules. Behind a reverse proxy every
/// client shares the proxy's address: configure forwarded headers there.
/// </remarks>
internal sealed class SignInThrottle : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly AccountsOptions _options;
    private readonly PartitionedRateLimiter<string> _perClient;
    private readonly PartitionedRateLimiter<string> _perName;

    public SignInThrottle(IOptions<AccountsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _perClient = PerMinute(_options.SignInsPerMinutePerClient);
        _perName = PerMinute(_options.SignInsPerMinutePerName);
    }

    /// <summary>Counts one attempt; null when it may go on, otherwise the refusal to answer with.</summary>
    /// <param name="normalizedName">The name as Identity normalizes it, so "Admin" and "admin" share a window.</param>
    public SignInOutcome? Admit(IPAddress? client, string normalizedName)
    {
        using (var byClient = _perClient.AttemptAcquire(client?.ToString() ?? "unknown"))
        {
            if (!byClient.IsAcquired)
            {
                return Refusal(byClient, $"At most {_options.SignInsPerMinutePerClient} sign-in attempts per minute are accepted from one client address");
            }
        }

        using var byName = _perName.AttemptAcquire(normalizedName);
        return byName.IsAcquired
            ? null
            : Refusal(byName, $"At most {_options.SignInsPerMinutePerName} sign-in attempts per minute are accepted for one user name");
    }

    public void Dispose()
    {
        _perClient.Dispose();
        _perName.Dispose();
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
        }));

    private static SignInOutcome Refusal(RateLimitLease lease, string limit)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return SignInOutcome.TooManyAttempts(seconds, $"{limit}; try again in {seconds.ToString(CultureInfo.InvariantCulture)} s.");
    }
}
