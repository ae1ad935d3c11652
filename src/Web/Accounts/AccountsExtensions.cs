using EdgeControl.Data;
using EdgeControl.Web.Accounts.Passwords;
using EdgeControl.Web.Accounts.Sessions;
using EdgeControl.Web.Accounts.SignIns;
using EdgeControl.Web.Api;
using EdgeControl.Web.Resilience;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Accounts;

internal static class AccountsExtensions
{
    public const string SignInPath = "/account/login";

    public static void AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountsOptions>()
            .BindConfiguration(AccountsOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.AdminUserName), "Accounts:AdminUserName must not be empty.")
            .Validate(
                o => TextField.Problem(o.AdminUserName, AccountFields.MaxUserNameLength) is null
                    && (o.AdminPassword.Length == 0 || TextField.Problem(o.AdminPassword, AccountFields.MaxPasswordLength) is null),
                $"Accounts:AdminUserName and Accounts:AdminPassword must be at most {AccountFields.MaxUserNameLength} and {AccountFields.MaxPasswordLength} characters, without control characters.")
            .Validate(
                o => o.SignInsPerMinutePerClient > 0,
                "Accounts:SignInsPerMinutePerClient must be a whole number greater than 0 (sign-in attempts allowed per client address and minute).")
            .Validate(
                o => o.SignInsPerMinutePerName > 0,
                "Accounts:SignInsPerMinutePerName must be a whole number greater than 0 (sign-in attempts allowed per user name and minute).")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AccountsOptions>, AdminPasswordCheck>();

        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddIdentityCore<IdentityUser>(options =>
            {
                // The whole policy is PasswordPolicy (length, user name, common passwords): Identity's own rules would
                // only repeat its length check, so they ask for nothing.
                options.Password.RequiredLength = 1;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                // No lockout: anyone who knows a name could lock its owner out. Sign-ins are throttled instead.
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EdgeControlDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordPolicy>();

        builder.Services.AddAccountSessions();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<UnknownAccountPassword>();
        builder.Services.AddScoped<AccountSignIn>();

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = SignInPath;
            cookie.Cookie.Name = "EdgeControl.Auth";
            cookie.Cookie.HttpOnly = true;
            // Strict: the cookie is never sent with a request another site starts, so the JSON API needs no CSRF token.
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Events.OnRedirectToLogin = context => AnswerApi(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => AnswerApi(context, StatusCodes.Status403Forbidden);
            cookie.Events.OnValidatePrincipal = ValidateStampUnlessDatabaseIsAwayAsync;
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Operator, policy => policy.RequireRole(Roles.Admin, Roles.Operator));

        // After the migrator (registered by AddDatabase): hosted services start in registration order.
        builder.Services.AddHostedService<FirstAdminSeeder>();
    }

    /// <summary>
    /// Identity's periodic security-stamp check (every 30 minutes of a session) reads the account; while the database
    /// is away that read fails, and the session keeps its principal until a request after the database is back checks
    /// again, so the dashboard keeps rendering through an outage as promised. The outage itself is reported (and
    /// logged once) like any other.
    /// </summary>
    private static async Task ValidateStampUnlessDatabaseIsAwayAsync(CookieValidatePrincipalContext context)
    {
        try
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        }
        catch (Exception error) when (DatabaseErrors.IsUnavailable(error))
        {
            context.HttpContext.RequestServices.GetRequiredService<DatabaseAvailability>().ReportFailure("security-stamp check", error);
        }
    }

    /// <summary>API callers get 401/403 problem details; browsers on dashboard pages are redirected to sign in.</summary>
    private static Task AnswerApi(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden",
                Detail = status == StatusCodes.Status401Unauthorized
                    ? "Sign in first (POST /api/v1/accounts/sign-in) and send the cookie it sets."
                    : "This needs the Admin role.",
            },
        }).AsTask();
    }
}
