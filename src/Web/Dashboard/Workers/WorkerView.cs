using EdgeControl.Protocol;

namespace EdgeControl.Web.Dashboard.Workers;

/// <summary>
/// A registered worker as the dashboard shows it. <paramref name="ProfileName"/> is the scenario profile it stands for
/// (or "measured"); <paramref name="Load"/> is its latest heartbeat's, null where no live load is known;
/// <paramref name="Measured"/> its self-profile, null until reported.
/// </summary>
public sealed record WorkerView(
    string Name,
    string Tier,
    string ProfileName,
    string Url,
    string Status,
    DateTimeOffset? LastHeartbeatAt,
    WorkerLoad? Load,
    WorkerProfile? Measured,
    DateTimeOffset? ProfiledAt);
