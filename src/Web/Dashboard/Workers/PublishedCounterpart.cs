using EdgeControl.Core.Catalog;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Web.Dashboard.Workers;

/// <summary>
/// The published figures a worker stands for: the profile of the scenario's server of the same name (live mode maps
/// servers to workers by name), else the catalog's node profile the worker registered with; per variant, the
/// milliseconds the twin assumes (MACs / throughput).
/// </summary>
public sealed record PublishedCounterpart(NodeProfile Profile, string Source, IReadOnlyList<ModelVariant> Catalog)
{
    /// <summary>The counterpart of <paramref name="worker"/>, or null when neither the scenario nor the catalog knows its profile.</summary>
    public static PublishedCounterpart? Of(WorkerView worker, Scenario? scenario)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var catalog = scenario?.Catalog ?? PublishedFigures.MobileNetV1;
        var server = scenario?.Servers.FirstOrDefault(s => s.Name == worker.Name);
        if (server is not null)
        {
            return new PublishedCounterpart(server.Profile, $"scenario {scenario!.Name}, server {server.Name}", catalog);
        }

        var profile = PublishedFigures.NodeProfiles.FirstOrDefault(p => p.Name == worker.ProfileName);
        return profile is null ? null : new PublishedCounterpart(profile, $"catalog profile {profile.Name}", catalog);
    }

    /// <summary>Milliseconds of one unloaded forward pass of <paramref name="variant"/> on one slot, as the twin computes it.</summary>
    public double Ms(ModelVariant variant) => Physics.ComputeMs(variant, Profile);
}
