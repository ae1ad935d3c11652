using System.Globalization;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Cli.Commands;

/// <summary><c>scenario validate FILE</c>: exit 0 with a summary, or exit 2 naming the bad field.</summary>
internal static class ScenarioValidateCommand
{
    public static int Run(CommandLine line)
    {
        line.EnsureAllUsed(positionals: 1);
        var path = line.Positionals.Count == 1 ? line.Positionals[0] : throw new UsageException("scenario validate needs a FILE");
        var scenario = ScenarioLoader.Load(path);
        Console.WriteLine(Summary(scenario));
        return 0;
    }

    public static string Summary(Scenario s)
    {
        var servers = string.Join(", ", s.Servers.Select(x => $"{x.Name} ({x.Tier.ToString().ToLowerInvariant()}, {x.Profile.Name})"));
        var devices = string.Join(", ", s.Users.GroupBy(u => u.Device.Name).Select(g => $"{g.Count()} x {g.Key}"));
        var conditions = string.Join(", ", s.Conditions.Select(c => c.Name));
        var accuracy = string.Join(", ", s.Users.Select(u => u.AccuracyRequirement).Distinct().Order().Select(a => a.ToString("0.###", CultureInfo.InvariantCulture)));
        var rate = s.Users.Sum(u => u.ArrivalRatePerSecond);
        return string.Create(CultureInfo.InvariantCulture,
            $"Scenario '{s.Name}' is valid: {s.Users.Count} users ({devices}) sending {rate:0.##} requests/s in all, " +
            $"servers {servers}; network conditions {conditions}; accuracy requirements {accuracy}; " +
            $"{s.Catalog.Count} variants of {s.CatalogName} on {1 + s.Servers.Count} targets = {(1 + s.Servers.Count) * s.Catalog.Count} actions; " +
            $"measurement noise {s.MeasurementNoise:0.###}; seed {s.Seed}; evaluation set of {s.EvaluationObservations} requests.");
    }
}
