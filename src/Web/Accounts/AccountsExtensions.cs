using EdgeControl.Data;
using EdgeControl.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

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
            .ValidateOnStart();

        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddIdentityCore<IdentityUser>(options =>
            {
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EdgeControlDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = SignInPath;
            cookie.Cookie.Name = "EdgeControl.Auth";
            cookie.Cookie.HttpOnly = true;
            // Strict: the cookie is never sent with a request another site starts, so the JSON API needs no CSRF token.
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Events.OnRedirectToLogin = context => AnswerApi(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => AnswerApi(context, StatusCodes.Status403Forbidden);
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Operator, policy => policy.RequireRole(Roles.Admin, Roles.Operator));

        // After the migrator (registered by AddDatabase): hosted services start in registration order.
        builder.Services.AddHostedService<FirstAdminSeeder>();
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
