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
    /// <paramref name="scenario"/> with every server that has a self-profile in <paramref name="byServerName"/> given
    /// its measured throughput, slots, per-variant milliseconds (which the twin uses where it has them) and per-request
    /// service overhead (0 where the worker did not measure one; power figures
    /// stay the published ones: they do not enter device energy); <paramref name="missing"/> names the servers that kept
    /// their published profile.
    /// </summary>
    public static Scenario Apply(Scenario scenario, IReadOnlyDictionary<string, WorkerProfile> byServerName, out IReadOnlyList<string> missing)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(byServerName);
        var without = new List<string>();
        var servers = scenario.Servers.Select(server =>
        {
            if (!byServerName.TryGetValue(server.Name, out var measured))
            {
                without.Add(server.Name);
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
                    Description = "measured by the worker (its latest report: in service, or at start)",
                    MeasuredMs = measured.Variants.ToDictionary(v => v.Variant, v => v.MedianMs, StringComparer.Ordinal),
                    ServiceOverheadMs = measured.ServiceOverheadMs ?? 0,
                },
            };
        }).ToList();
        missing = without;
        return scenario with { Servers = servers };
    }
}
