using System.Net;
using System.Text.RegularExpressions;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>Posts a dashboard form as a browser would: with the antiforgery token of the page that holds it.</summary>
internal static partial class AntiforgeryForm
{
    /// <summary>Reads <paramref name="page"/> (its antiforgery cookie stays in the client's jar) and posts <paramref name="fields"/> with its token to <paramref name="target"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri page, Uri target, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.GetStringAsync(page);
        var token = Token().Match(html);
        Assert.True(token.Success, $"{page} has no antiforgery token");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        });
        return await client.PostAsync(target, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
