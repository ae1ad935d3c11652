using EdgeControl.Protocol;

namespace EdgeControl.Web.Workers;

/// <summary>
/// A registered worker as operators see it (<c>GET /api/v1/workers</c>, the dashboard): its status now
/// (<c>online</c>, <c>offline</c> or <c>revoked</c>), its last reported load (null unless online), and its self-profile as
/// it reported it (null until then). Never its keys.
/// </summary>
public sealed record WorkerView(
    Guid Id,
    string Name,
    string Tier,
    string Url,
    string Profile,
    string Status,
    DateTimeOffset? LastHeartbeatAt,
    DateTimeOffset CreatedAt,
    WorkerLoad? Load,
    WorkerProfile? MeasuredProfile,
    DateTimeOffset? ProfiledAt);
