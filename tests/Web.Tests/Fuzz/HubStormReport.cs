using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// What the hub storm called and got, the raw frames, the connects it needed (those refused with a 4xx were retried;
/// a failure is any other refusal), the errors logged, and the fresh connection after it.
/// </summary>
internal sealed record HubStormReport(
    IReadOnlyList<string> Methods,
    IReadOnlyList<HubCall> Calls,
    IReadOnlyList<RawFrameAnswer> Frames,
    int Connections,
    IReadOnlyList<int> RefusedConnects,
    IReadOnlyList<string> ConnectFailures,
    IReadOnlyList<CapturedLog> ErrorsLogged,
    IReadOnlyList<AfterStormCheck> FreshConnection,
    TimeSpan Duration);
