using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing.Patterns;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// One POST/PUT/PATCH/DELETE endpoint of the app as the storm sends to it: its JSON shape (null: it declares no
/// JSON body, so the example is <c>{}</c>), which family it is in (the table says so) and whether a request to it
/// can end the session it was sent with (those go last, so the other endpoints see a live session).
/// </summary>
internal sealed partial record FuzzedEndpoint(string Method, RoutePattern Route, string Family, JsonShape? Shape, bool EndsSession)
{
    public string Name => $"{Method} {Route.RawText}";

    public bool HasRouteValues => Route.Parameters.Count > 0;

    /// <summary>The path with every route parameter replaced by <paramref name="value"/> (escaped unless <paramref name="raw"/>).</summary>
    public string PathWith(string value, bool raw = false) =>
        Parameter().Replace(Route.RawText!, _ => raw ? value : Uri.EscapeDataString(value));

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
