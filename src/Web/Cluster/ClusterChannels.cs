namespace EdgeControl.Web.Cluster;

/// <summary>The bus's channels (PostgreSQL notification channels: lower-case identifiers).</summary>
public static class ClusterChannels
{
    /// <summary>The trainer published a new serving policy; payload: the checkpoint id.</summary>
    public const string Policy = "edgecontrol_policy";

    /// <summary>Training progress for dashboards on other instances (curve points, status, placements).</summary>
    public const string Training = "edgecontrol_training";

    /// <summary>A device or worker was revoked; payload: its node id. Every instance closes its connections.</summary>
    public const string Revoked = "edgecontrol_revoked";

    /// <summary>A worker's status, load or profile changed on the instance it is connected to.</summary>
    public const string Workers = "edgecontrol_workers";

    /// <summary>An admin started or stopped a run on some instance; the trainer follows the database.</summary>
    public const string Runs = "edgecontrol_runs";

    /// <summary>An admin switched who decides (PUT /api/v1/serving-policy); payload: the policy's name. Every instance serves it.</summary>
    public const string ServingPolicy = "edgecontrol_serving_policy";

    public static readonly IReadOnlyList<string> All = [Policy, Training, Revoked, Workers, Runs, ServingPolicy];
}
