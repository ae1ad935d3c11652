using System.Globalization;
using EdgeControl.Web.Accounts.SignIns;
using EdgeControl.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using EdgeControl.Web.ApiReference;

namespace EdgeControl.Web.Accounts;

/// <summary>Dashboard accounts over REST: sign in and out with the cookie the dashboard uses, who am I, and (admins) new accounts.</summary>
internal static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/accounts").WithTags(ApiTags.Accounts);
        api.MapPost("/sign-in", SignInAsync).WithName("signIn").Accepts<SignInRequest>("application/json").AllowAnonymous()
            .WithSummary("Sign in with a dashboard account; sets the session cookie the other endpoints read")
            .WithDescription("Throttled per client address (Accounts:SignInsPerMinutePerClient) and per user name (Accounts:SignInsPerMinutePerName): 429 with Retry-After. An unknown name and a wrong password get the same 401.")
            .Refuses(StatusCodes.Status401Unauthorized, "The user name or the password is wrong (one answer for both).")
            .Refuses(StatusCodes.Status409Conflict, "The client was signed in as another account: that session has ended; sign in again.")
            .Refuses(StatusCodes.Status429TooManyRequests, "Too many attempts in the last minute from this client address or for this user name.");
        api.MapPost("/sign-out", SignOutAsync).WithName("signOut").RequireAuthorization()
            .WithSummary("Sign out: ends the session on the server, so a copy of its cookie gets 401 too");
        api.MapGet("/me", MeAsync).WithName("getCurrentAccount").RequireAuthorization().WithSummary("The signed-in account and its roles")
            .Refuses(StatusCodes.Status401Unauthorized, "The signed-in account no longer exists.");
        api.MapPost("/", CreateAsync).WithName("createAccount").Accepts<CreateAccountRequest>("application/json").RequireAuthorization(Policies.Admin)
            .WithSummary("Create a dashboard account with the Admin or Operator role (Admin)")
            .Refuses(StatusCodes.Status409Conflict, "There is an account with this name already (`field`: userName).");
        return app;
    }

    private static async Task<Results<Ok<AccountResponse>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        HttpRequest request, AccountSignIn signIns, UserManager<IdentityUser> accounts, CancellationToken cancellationToken)
    {
        var (body, invalid, tooLarge) = await StrictJsonBody.ReadAsync<SignInRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(body!.UserName))
        {
            errors["userName"] = ["The user name is required."];
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            errors["password"] = ["The password is required."];
        }

        // A NUL in the name reached PostgreSQL as a 500; it can name no account, so it is a 400 like any bad field.
        TextField.Check(errors, "userName", body.UserName, AccountFields.MaxUserNameLength);
        TextField.Check(errors, "password", body.Password, AccountFields.MaxPasswordLength);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcome = await signIns.SignInAsync(request.HttpContext, body.UserName!, body.Password!);
        switch (outcome.Verdict)
        {
            case SignInVerdict.SignedIn:
                var account = outcome.Account!;
                return TypedResults.Ok(new AccountResponse(account.UserName!, [.. await accounts.GetRolesAsync(account)]));
            case SignInVerdict.TooManyAttempts:
                request.HttpContext.Response.Headers.RetryAfter = outcome.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(title: "Too many sign-in attempts", detail: outcome.Message, statusCode: StatusCodes.Status429TooManyRequests);
            case SignInVerdict.OtherAccountSignedOut:
                return TypedResults.Problem(title: "Signed out of the other account", detail: outcome.Message, statusCode: StatusCodes.Status409Conflict);
            default:
                return TypedResults.Problem(title: "Sign-in failed", detail: outcome.Message, statusCode: StatusCodes.Status401Unauthorized);
        }
    }

    private static async Task<NoContent> SignOutAsync(SignInManager<IdentityUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> MeAsync(
        HttpContext context, UserManager<IdentityUser> accounts)
    {
        var account = await accounts.GetUserAsync(context.User);
        return account is null
            ? TypedResults.Problem(title: "Unauthorized", detail: "The account no longer exists.", statusCode: StatusCodes.Status401Unauthorized)
            : TypedResults.Ok(new AccountResponse(account.UserName!, [.. await accounts.GetRolesAsync(account)]));
    }

    private static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest request, UserManager<IdentityUser> accounts, CancellationToken cancellationToken)
    {
        var (body, invalid, tooLarge) = await StrictJsonBody.ReadAsync<CreateAccountRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body!.UserName))
        {
            errors["userName"] = ["The user name is required."];
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            errors["password"] = ["The password is required."];
        }

        TextField.Check(errors, "userName", body.UserName, AccountFields.MaxUserNameLength);
        TextField.Check(errors, "password", body.Password, AccountFields.MaxPasswordLength);
        TextField.Check(errors, "role", body.Role, AccountFields.MaxRoleLength);
        if (!errors.ContainsKey("role") && (body.Role is null || !Roles.All.Contains(body.Role)))
        {
            errors["role"] = [$"The role must be one of: {string.Join(", ", Roles.All)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await accounts.FindByNameAsync(body.UserName!) is not null)
        {
            return TypedResults.Problem(
                title: "Account exists",
                detail: $"There is already an account named '{body.UserName}'.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["field"] = "userName" });
        }

        var account = new IdentityUser(body.UserName!);
        var created = await accounts.CreateAsync(account, body.Password!);
        if (!created.Succeeded)
        {
            // The password policy, or Identity's rules for user names (their characters, a name taken meanwhile).
            return TypedResults.ValidationProblem(created.Errors
                .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }

        await accounts.AddToRoleAsync(account, body.Role!);
        return TypedResults.Created($"/api/v1/accounts/{account.UserName}", new AccountResponse(account.UserName!, [body.Role!]));
    }
}
