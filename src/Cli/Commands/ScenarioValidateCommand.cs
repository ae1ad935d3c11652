using System.CommandLine;
using System.Globalization;
using EdgeControl.Cli.Options;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Cli.Commands;

/// <summary><c>scenario validate FILE</c>: exit 0 with a summary, or exit 2 naming the bad field.</summary>
internal sealed class ScenarioValidateCommand : ActionCommand
{
    public ScenarioValidateCommand()
        : base("validate", "Check a scenario file: prints a summary, or the offending field and exit code 2.")
    {
        Arguments.Add(ScenarioPath);
    }

    public Argument<string> ScenarioPath { get; } = new("FILE") { Description = "the scenario file (JSON)" };

    protected override int Run(ParseResult parsed)
    {
        var path = parsed.GetRequiredValue(ScenarioPath);
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(path);
        }
        catch (ScenarioException e)
        {
            return UsageError.Report($"invalid scenario: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return UsageError.Report($"cannot read the scenario file '{path}': {e.Message}");
        }

        Console.WriteLine(Summary(scenario));
        return 0;
    }

    private static string Summary(Scenario s)
    {
        var servers = string.Join(", ", s.Servers.Select(x => $"{x.Name} ({TierNames.Of(x.Tier)}, {x.Profile.Name})"));
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
