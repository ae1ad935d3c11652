using System.CommandLine;
using EdgeControl.Cli.Logs;
using EdgeControl.Cli.Options;
using EdgeControl.Cli.Testbed;
using EdgeControl.CommandLine;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>testbed report</c>: the end-of-run report of scripts/testbed.sh from the control plane's database: live learning,
/// the A/B windows, the twin's latency calibration, and a closing line.
/// </summary>
internal sealed class TestbedReportCommand : ActionCommand
{
    public TestbedReportCommand()
        : base("report", "Report a testbed run from its decision log: live learning, the A/B windows per serving policy, and the twin's latency error with self-profiled and published server profiles.")
    {
        Add(Connection, Scenario, Since, Windows, Rolling);
    }

    public Option<string> Connection { get; } = DecisionLogOptions.Connection();

    public Option<LoadedScenario> Scenario { get; } = CommonOptions.Scenario();

    public Option<DateTimeOffset?> Since { get; } =
        DecisionLogOptions.Since("the run's start (ISO 8601, UTC unless an offset is given): rows observed before it are not read", required: true);

    public Option<string?> Windows { get; } = new("--windows")
    {
        HelpName = "FILE", Description = "the A/B windows (policy, start, end; tab-separated, a header line) as scripts/testbed.sh writes them; without it every row counts as learning",
        CustomParser = OptionValues.ExistingFile,
    };

    public Option<int> Rolling { get; } = new("--rolling")
    {
        HelpName = "N", Description = "requests in the rolling mean of the learning curve", CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1_000_000), DefaultValueFactory = _ => 200,
    };

    protected override int Run(ParseResult parsed)
    {
        var scenario = parsed.GetRequiredValue(Scenario).Scenario;
        var since = parsed.GetValue(Since)!.Value;
        IReadOnlyList<AbWindow> windows = [];
        if (parsed.GetValue(Windows) is { } windowsFile)
        {
            try
            {
                windows = AbWindow.ParseFile(windowsFile);
            }
            catch (Exception error) when (error is FormatException or IOException or UnauthorizedAccessException)
            {
                return UsageError.Report($"--windows: {error.Message}");
            }
        }

        var connection = parsed.GetRequiredValue(Connection);
        try
        {
            var rows = DecisionLogRows.ReadAllAsync(connection, since, until: null, read: null, CancellationToken.None).GetAwaiter().GetResult();
            var profiles = WorkerProfileSource.ReadAsync(connection, since, CancellationToken.None).GetAwaiter().GetResult();
            new TestbedReport(scenario, rows, profiles, windows).Write(Console.Out, parsed.GetValue(Rolling));
        }
        catch (DecisionLogException error)
        {
            Console.Error.WriteLine($"edgecontrol: testbed report: {error.Message}.");
            return 1;
        }

        return 0;
    }
}
