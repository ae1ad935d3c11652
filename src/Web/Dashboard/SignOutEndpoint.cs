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
        });
}
