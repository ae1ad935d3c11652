using System.Text.Json;
using EdgeControl.DeviceAgent.Hub;
using EdgeControl.DeviceAgent.Offload;
using Microsoft.AspNetCore.SignalR.Client;

namespace EdgeControl.DeviceAgent.Stats;

/// <summary>
/// Writes the agent's <see cref="AgentStats"/> to <c>--stats FILE</c> every second and once more on exit, atomically
/// (a temporary file renamed over it), so a reader never sees half an object. A failed write is logged once and
/// tried again next second: statistics must never stop the agent.
/// </summary>
/// <param name="offloads">This run's offloads, or null without <c>--real</c> (written as none).</param>
internal sealed class StatsFile(string path, string? nodeId, DeviceHubClient hub, OffloadCounters? offloads, TextWriter log)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ChangeLog _errors = new(log);

    public AgentStats Current()
    {
        var counters = hub.Outcomes.Counters;
        return new AgentStats(
            nodeId, counters.Measured, counters.Acknowledged, counters.Rejected, hub.Outcomes.Count,
            counters.DecisionsAnswered, counters.DecisionsRefused, counters.PoisonSent, hub.State == HubConnectionState.Connected,
            offloads?.Answered ?? 0, (offloads ?? new OffloadCounters()).LostByCause(), hub.Server);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Every);
        Write();
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Write();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public void Write()
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllText(temporary, JsonSerializer.Serialize(Current(), Json));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            _errors.Note($"cannot write the stats file {path}: {error.Message}");
        }
    }
}
