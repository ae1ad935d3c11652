using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace EdgeControl.Web.Dashboard;

/// <summary>The sign-out button's form target: a POST with the antiforgery token, so another site cannot sign a user out.</summary>
internal static class SignOutEndpoint
{
    public const string Path = "/account/logout";

    public static void MapSignOut(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, async (SignInManager<IdentityUser> signIn) =>
            {
                await signIn.SignOutAsync();
                return TypedResults.LocalRedirect("~/account/login");
            })
            // A minimal endpoint is validated only when it binds a form or says so; this one binds nothing.
            // Api/AntiforgeryRefusal answers the failed validation before the endpoint runs.
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            // The dashboard's form target, not part of the API: the API signs out with POST /api/v1/accounts/sign-out.
            .ExcludeFromDescription();
}
