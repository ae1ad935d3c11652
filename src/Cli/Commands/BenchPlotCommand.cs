using System.CommandLine;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Options;
using EdgeControl.Cli.Plots;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench plot</c>: draws the learning-curve picture of an experiment again from the files <c>bench convergence</c>
/// wrote, without running it (a picture changed, or an experiment whose results were copied from elsewhere).
/// </summary>
internal sealed class BenchPlotCommand : ActionCommand
{
    public BenchPlotCommand()
        : base("plot", "Draw the learning curves of a convergence experiment again from the results.json and curves.csv in DIR, without rerunning it.")
    {
        Add(Out);
    }

    public Option<string> Out { get; } = new("--out")
    {
        HelpName = "DIR", Description = "the directory bench convergence --out wrote: results.json and curves.csv are read, curves.svg and curves.png written",
        Required = true,
        CustomParser = r => OptionValues.DirectoryWith(r, [ExperimentResults.ResultsFile, ExperimentResults.CurvesFile], "bench convergence --out DIR writes them"),
    };

    protected override int Run(ParseResult parsed)
    {
        var directory = parsed.GetRequiredValue(Out);
        try
        {
            var results = ExperimentResults.Read(directory);
            var written = LearningCurveFiles.Write(directory, results.Report, results.Runs);
            Console.WriteLine($"drew the curves of {results.Runs.Count} agent{(results.Runs.Count == 1 ? "" : "s")} on '{results.Report.Scenario}': wrote {string.Join(", ", written.Select(Path.GetFileName))} to {Path.GetFullPath(directory)}");
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"edgecontrol: bench plot of {Path.GetFullPath(directory)}: {e.Message}");
            return 1;
        }
    }
}
