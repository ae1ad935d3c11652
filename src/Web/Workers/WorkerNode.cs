namespace EdgeControl.Web.Workers;

/// <summary>
/// A registered worker as decisions need it: where devices reach it, the key its tokens are signed with, and whether
/// its keys were revoked (a revoked worker is never online again, so its server stays masked).
/// </summary>
public sealed record WorkerNode(Guid Id, string Name, string Tier, string Url, byte[] TokenKey, string ProfileName, DateTimeOffset CreatedAt, bool Revoked = false);
