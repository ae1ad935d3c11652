using System.Text.Json;
using EdgeControl.Core.Domain;
using EdgeControl.Protocol;

namespace EdgeControl.Cli.Testbed;

/// <summary>The scenario as the workers measured themselves: each server's profile replaced by its worker's self-profile.</summary>
internal static class SelfProfiles
{
    /// <summary>A node's <c>measured_profile</c> column (the worker's <see cref="WorkerProfile"/> as web JSON), or null if unreadable.</summary>
    public static WorkerProfile? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WorkerProfile>(json, JsonSerializerOptions.Web) is { GigaMacsPerSecond: > 0, Slots: > 0 } profile ? profile : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The scenario at an instant: each server with its worker's profile in force then
    /// (<see cref="WorkerProfileHistory.InForceAt"/>), the published one where it has none. One scenario is made per
    /// combination of profiles in force, not per request.
    /// </summary>
    public static Func<DateTimeOffset, Scenario> InForce(Scenario scenario, WorkerProfileHistory history)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(history);
        var made = new Dictionary<string, Scenario>(StringComparer.Ordinal);
        return time =>
        {
            var inForce = scenario.Servers.Select(s => (s.Name, Index: history.InForceAt(s.Name, time))).ToList();
            var key = string.Join(',', inForce.Select(s => s.Index));
            if (!made.TryGetValue(key, out var selfProfiled))
            {
                var profiles = inForce.Where(s => s.Index >= 0).ToDictionary(s => s.Name, s => history.Of(s.Name)[s.Index].Profile, StringComparer.Ordinal);
                made[key] = selfProfiled = Apply(scenario, profiles);
            }

            return selfProfiled;
        };
    }

    /// <summary>
    /// <paramref name="scenario"/> with every server that has a self-profile in <paramref name="byServerName"/> given
    /// its measured throughput, slots, per-variant milliseconds (which the twin uses where it has them) and per-request
    /// service overhead (0 where the worker did not measure one; power figures
    /// stay the published ones: they do not enter device energy); the others keep their published profile.
    /// </summary>
    private static Scenario Apply(Scenario scenario, Dictionary<string, WorkerProfile> byServerName)
    {
        var servers = scenario.Servers.Select(server =>
        {
            if (!byServerName.TryGetValue(server.Name, out var measured))
            {
                return server;
            }

            var published = server.Profile;
            return server with
            {
                Profile = published with
                {
                    Name = $"{server.Name} (self-profiled)",
                    GigaMacsPerSecond = measured.GigaMacsPerSecond,
                    Slots = measured.Slots,
                    Description = "measured by the worker (its start-up self-profile, or an in-service one)",
                    MeasuredMs = measured.Variants.ToDictionary(v => v.Variant, v => v.MedianMs, StringComparer.Ordinal),
                    ServiceOverheadMs = measured.ServiceOverheadMs ?? 0,
                },
            };
        }).ToList();
        return scenario with { Servers = servers };
    }
}
