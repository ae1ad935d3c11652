using System.Security.Claims;
using EdgeControl.Web.Accounts.Sessions;
using EdgeControl.Web.Resilience;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Dashboard;

/// <summary>
/// A circuit outlives the request that opened it. When its session is ended in this process (sign-out) it is signed
/// out at once; and every few minutes it checks that its session still exists (one primary-key read: it may have been
/// ended on another instance) and that the account still exists with the same security stamp (password, roles), so
/// a signed-out, removed or demoted account loses the live dashboard too. While the database is away the circuit
/// stays, like the requests of a session seen before (<see cref="AccountSessionStore"/>).
/// </summary>
internal sealed class AccountRevalidation : RevalidatingServerAuthenticationStateProvider
{
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<IdentityOptions> _options;
    private readonly AccountSessionStore _sessions;
    private Task<AuthenticationState>? _current;

    public AccountRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, AccountSessionStore sessions)
        : base(loggerFactory)
    {
        _scopeFactory = scopeFactory;
        _options = options;
        _sessions = sessions;
        AuthenticationStateChanged += state => _current = state;
        _sessions.Ended += OnSessionEnded;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        try
        {
            if (!await _sessions.IsActiveAsync(authenticationState.User, cancellationToken))
            {
                return false;
            }

            await using var scope = _scopeFactory.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            return await StampMatchesAsync(accounts, authenticationState.User);
        }
        catch (Exception error) when (DatabaseErrors.IsUnavailable(error))
        {
            return true;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sessions.Ended -= OnSessionEnded;
        }

        base.Dispose(disposing);
    }

    private void OnSessionEnded(string sessionId)
    {
        if (_current is { IsCompletedSuccessfully: true } state
            && state.Result.User.FindFirstValue(AccountSessionStore.SessionClaimType) == sessionId)
        {
            SetAuthenticationState(Task.FromResult(SignedOut));
        }
    }

    private async Task<bool> StampMatchesAsync(UserManager<IdentityUser> accounts, ClaimsPrincipal principal)
    {
        var account = await accounts.GetUserAsync(principal);
        if (account is null)
        {
            return false;
        }

        if (!accounts.SupportsUserSecurityStamp)
        {
            return true;
        }

        var stamp = principal.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await accounts.GetSecurityStampAsync(account);
    }
}
