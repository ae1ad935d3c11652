using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Protocol;

namespace EdgeControl.Web.Dashboard.Workers;

/// <summary>
/// The workers as stored in <c>nodes</c>: status, last heartbeat and self-profile. The database holds no live load,
/// so <see cref="WorkerView.Load"/> stays null here; a live worker registry answers it.
/// </summary>
internal sealed class StoredWorkerStatus(DashboardQueries queries) : IWorkerStatus
{
    public async Task<IReadOnlyList<WorkerView>> WorkersAsync(CancellationToken cancellationToken) =>
        [.. (await queries.WorkerNodesAsync(cancellationToken)).Select(ToView)];

    internal static WorkerView ToView(NodeEntity node) => new(
        node.Name,
        node.Tier,
        node.ProfileName,
        node.Url ?? string.Empty,
        node.Status,
        node.LastHeartbeatAt,
        Load: null,
        MeasuredProfile(node),
        node.ProfiledAt);

    // Written by the worker hub with the web defaults (camelCase); a row that does not read is shown as not reported.
    private static WorkerProfile? MeasuredProfile(NodeEntity node)
    {
        if (node.MeasuredProfile is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WorkerProfile>(node.MeasuredProfile, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
