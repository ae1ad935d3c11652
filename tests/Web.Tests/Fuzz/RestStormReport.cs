using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>What the REST storm sent and got, the errors the app logged meanwhile, and the checks after it.</summary>
internal sealed record RestStormReport(
    IReadOnlyList<FuzzedEndpoint> Endpoints,
    IReadOnlyList<string> WithoutGenerator,
    IReadOnlyList<RestAnswer> Answers,
    IReadOnlyList<CapturedLog> ErrorsLogged,
    IReadOnlyList<AfterStormCheck> AfterStorm,
    TimeSpan Duration)
{
    /// <summary>5xx answers and requests not answered at all.</summary>
    public IReadOnlyList<RestAnswer> ServerErrors => [.. Answers.Where(a => a.IsServerError)];

    public IReadOnlyList<RestAnswer> ClientErrorsWithoutProblemDetails => [.. Answers.Where(a => a.IsUnshapedClientError)];

    /// <summary>4xx Kestrel answered itself, before the app saw the request (not problem details, and not the app's to shape).</summary>
    public IReadOnlyList<RestAnswer> KestrelRefusals => [.. Answers.Where(a => a.IsKestrelRefusal)];
}
