using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using EdgeControl.Data;
using EdgeControl.Web.Resilience;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Accounts.Sessions;

/// <summary>
/// Server-side sessions behind the dashboard's sign-in cookie (its <see cref="CookieAuthenticationOptions.SessionStore"/>):
/// the cookie carries only a random session key, the ticket (who signed in, roles, expiry) is a row of
/// <c>account_sessions</c>, so signing out deletes the row and a copy of the old cookie gets 401 at once.
/// <para>
/// Cost: one primary-key read of <c>account_sessions</c> per request that carries the cookie (static files included;
/// a dashboard's live circuit authenticates once, when it connects, and its revalidation reads the row every few
/// minutes), one insert per sign-in, one update when the sliding expiration renews the ticket. Chosen over validating
/// the security stamp on every request, which costs more reads (account, roles) and can only end every session of an
/// account at once, not the one that signed out.
/// </para>
/// <para>
/// While the database is unavailable, a session this process read or created before answers from memory, so the
/// dashboard keeps rendering through an outage (the promise <see cref="Devices.VerifiedDeviceKeys"/> keeps for
/// devices); a session it never saw gets the database's exception (503). Whenever the database answers, it decides.
/// Ending a session always forgets it here, even when the database then fails (the sign-out answers 503, and the
/// session works again only once the database is back, where the row still is).
/// </para>
/// </summary>
internal sealed partial class AccountSessionStore(
    IServiceScopeFactory scopes, DatabaseAvailability availability, TimeProvider clock, IOptions<IdentityOptions> identity, ILogger<AccountSessionStore> logger)
    : ITicketStore
{
    /// <summary>The claim, in every stored ticket, naming its session (hex SHA-256 of the key), so a live circuit can check it.</summary>
    public const string SessionClaimType = "edgecontrol:session";

    /// <summary>256 random bits: a key cannot be guessed, and the cookie that carries it is encrypted anyway.</summary>
    private const int KeyBytes = 32;

    // Keyed by the session id in hex (byte arrays compare by reference). The serialized ticket, not the object: the
    // cookie handler and Identity's validator may change a ticket's properties in place for their request.
    private readonly ConcurrentDictionary<string, SeenSession> _seen = new(StringComparer.Ordinal);

    /// <summary>Raised with the session id (hex) after a session was ended here, so live circuits of it can close.</summary>
    public event Action<string>? Ended;

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(KeyBytes));
        var id = IdOf(key);
        var session = Seen(WithSessionClaim(ticket, id));
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
            db.AccountSessions.Add(new AccountSessionEntity
            {
                Id = id,
                AccountId = AccountIdOf(ticket),
                Ticket = session.Ticket,
                ExpiresAt = session.ExpiresAt,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        _seen[Convert.ToHexString(id)] = session;
        return key;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var id = IdOf(key);
        var hex = Convert.ToHexString(id);
        // While an outage is known, a session seen before answers at once rather than after a connection timeout.
        if (!availability.IsAvailable && _seen.TryGetValue(hex, out var known))
        {
            return TicketSerializer.Default.Deserialize(known.Ticket);
        }

        byte[]? ticket;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            ticket = await ReadTicket(scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>(), id, cancellationToken);
        }
        catch (Exception error) when (DatabaseErrors.IsUnavailable(error) && _seen.TryGetValue(hex, out known))
        {
            availability.ReportFailure("session store", error);
            return TicketSerializer.Default.Deserialize(known.Ticket);
        }

        if (ticket is null)
        {
            _seen.TryRemove(hex, out _);
            return null;
        }

        var retrieved = TicketSerializer.Default.Deserialize(ticket);
        if (retrieved is not null)
        {
            _seen[hex] = new SeenSession(ticket, ExpiryOf(retrieved));
        }

        return retrieved;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    /// <summary>
    /// Sliding expiration (and Identity's periodic security-stamp check) renew a ticket under the same key. Only a
    /// session of the same account is renewed: the cookie handler renews the request's session when someone signs in
    /// over it, and a key must never start speaking for another account (<see cref="SignIns.AccountSignIn"/> ends the
    /// old session first, so its key stays dead).
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var id = IdOf(key);
        var hex = Convert.ToHexString(id);
        var session = Seen(WithSessionClaim(ticket, id));
        var accountId = AccountIdOf(ticket);
        int renewed;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            renewed = await scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>().AccountSessions
                .Where(s => s.Id == id && s.AccountId == accountId)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(row => row.Ticket, session.Ticket).SetProperty(row => row.ExpiresAt, session.ExpiresAt),
                    cancellationToken);
        }
        catch (Exception error) when (DatabaseErrors.IsUnavailable(error))
        {
            // A renewal happens inside a response already being written (a page of the dashboard): failing it would
            // break the page during the outage. The row keeps its former expiry, at worst ending the session early.
            if (_seen.ContainsKey(hex))
            {
                _seen[hex] = session;
            }

            LogRenewalPostponed(logger, error);
            return;
        }

        if (renewed == 0)
        {
            _seen.TryRemove(hex, out _);
            return;
        }

        _seen[hex] = session;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        var id = IdOf(key);
        var hex = Convert.ToHexString(id);
        _seen.TryRemove(hex, out _);
        Ended?.Invoke(hex);
        await using var scope = scopes.CreateAsyncScope();
        // Not the request's token: a sign-out that has begun completes even if the client stops waiting for it.
        await scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>().AccountSessions
            .Where(s => s.Id == id)
            .ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>
    /// Whether the session named by <paramref name="principal"/>'s <see cref="SessionClaimType"/> still exists and has
    /// not expired: what a live dashboard circuit checks now and then. The same outage fallback as a request.
    /// </summary>
    public async Task<bool> IsActiveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirstValue(SessionClaimType) is not { Length: SHA256.HashSizeInBytes * 2 } hex)
        {
            return false;
        }

        var id = Convert.FromHexString(hex);
        var now = clock.GetUtcNow();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>().AccountSessions
                .AnyAsync(s => s.Id == id && s.ExpiresAt > now, cancellationToken);
        }
        catch (Exception error) when (DatabaseErrors.IsUnavailable(error) && _seen.TryGetValue(hex, out var known))
        {
            return known.ExpiresAt > now;
        }
    }

    /// <summary>Forgets sessions that expired before <paramref name="now"/> (their rows are pruned by <see cref="ExpiredSessionPruning"/>).</summary>
    public void ForgetExpired(DateTimeOffset now)
    {
        foreach (var (hex, session) in _seen)
        {
            if (session.ExpiresAt <= now)
            {
                _seen.TryRemove(hex, out _);
            }
        }
    }

    private static readonly Func<EdgeControlDbContext, byte[], CancellationToken, Task<byte[]?>> ReadTicket =
        EF.CompileAsyncQuery((EdgeControlDbContext db, byte[] id, CancellationToken _) =>
            db.AccountSessions.Where(s => s.Id == id).Select(s => s.Ticket).SingleOrDefault());

    private static byte[] IdOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The ticket with exactly one session claim naming <paramref name="id"/> (a renewed principal comes without it).</summary>
    private static AuthenticationTicket WithSessionClaim(AuthenticationTicket ticket, byte[] id)
    {
        var principal = new ClaimsPrincipal();
        foreach (var source in ticket.Principal.Identities)
        {
            var identity = source.Clone();
            foreach (var old in identity.FindAll(SessionClaimType).ToList())
            {
                identity.RemoveClaim(old);
            }

            principal.AddIdentity(identity);
        }

        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionClaimType, Convert.ToHexString(id)));
        return new AuthenticationTicket(principal, ticket.Properties, ticket.AuthenticationScheme);
    }

    private static SeenSession Seen(AuthenticationTicket ticket) =>
        new(TicketSerializer.Default.Serialize(ticket), ExpiryOf(ticket));

    /// <summary>The cookie handler sets the expiry on every ticket it signs in or renews.</summary>
    private static DateTimeOffset ExpiryOf(AuthenticationTicket ticket) =>
        ticket.Properties.ExpiresUtc ?? throw new InvalidOperationException("A session ticket must carry its expiry.");

    private string AccountIdOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType)
            ?? throw new InvalidOperationException("A session ticket must name its account.");

    private sealed record SeenSession(byte[] Ticket, DateTimeOffset ExpiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable: a session's renewed expiry is kept in memory only (the stored one stays)")]
    private static partial void LogRenewalPostponed(ILogger logger, Exception error);
}
