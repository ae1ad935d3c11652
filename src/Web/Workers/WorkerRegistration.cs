using EdgeControl.Core.Domain;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Api;
using EdgeControl.Web.Devices;

namespace EdgeControl.Web.Workers;

/// <summary>The checks on a worker registration (<see cref="RegisterWorkerRequest"/>), each problem under its field's name.</summary>
internal static class WorkerRegistration
{
    private const string Kind = "worker";

    /// <param name="server">The current scenario's server of the same name, if any: the worker must be of its tier.</param>
    public static Dictionary<string, string[]> Validate(RegisterWorkerRequest body, ServerNode? server)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (NodeRegistration.NameProblem(body.Name, Kind) is { } nameProblem)
        {
            errors["name"] = [nameProblem];
        }

        if (body.Tier is not (NodeTiers.Edge or NodeTiers.Cloud))
        {
            errors["tier"] = [$"A worker's tier is '{NodeTiers.Edge}' or '{NodeTiers.Cloud}'."];
        }
        else if (server is not null && TierNames.Of(server.Tier) != body.Tier)
        {
            errors["tier"] = [$"Server '{server.Name}' of the current scenario is a {TierNames.Of(server.Tier)} server; its worker must be too."];
        }

        if (UrlProblem(body.Url) is { } urlProblem)
        {
            errors["url"] = [urlProblem];
        }

        return errors;
    }

    private static string? UrlProblem(string? url)
    {
        const string Expected = "An absolute http or https URL where devices reach the worker is required (e.g. http://10.0.0.2:5100).";
        if (string.IsNullOrEmpty(url))
        {
            return Expected;
        }

        if (TextField.Problem(url, NodeEntity.MaxUrlLength) is { } problem)
        {
            return problem;
        }

        // User info would put a secret in every decision sent to devices; the token is the credential.
        return Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && parsed.Host.Length > 0
            && parsed.UserInfo.Length == 0
            && string.IsNullOrEmpty(parsed.Query) && string.IsNullOrEmpty(parsed.Fragment)
                ? null
                : Expected + " No user info, query or fragment.";
    }
}
