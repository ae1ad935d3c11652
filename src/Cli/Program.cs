using EdgeControl.Cli;
using EdgeControl.Cli.Commands;
using EdgeControl.Core.Scenarios;

// edgecontrol: exit 0 on success, 2 on a bad command line or scenario, 1 on anything else.
try
{
    return args switch
    {
        ["scenario", "validate", .. var rest] => ScenarioValidateCommand.Run(new CommandLine(rest)),
        ["simulate", .. var rest] => SimulateCommand.Run(new CommandLine(rest)),
        ["bench", "sim", .. var rest] => BenchSimCommand.Run(new CommandLine(rest)),
        ["bench", "convergence", .. var rest] => BenchConvergenceCommand.Run(new CommandLine(rest)),
        ["bench", "decide", .. var rest] => BenchDecideCommand.Run(new CommandLine(rest)),
        ["bench", "ingest", .. var rest] => BenchIngestCommand.Run(new CommandLine(rest)),
        ["bench", "run-one", .. var rest] => BenchRunOneCommand.Run(new CommandLine(rest)),
        [] or ["help"] or ["--help"] or ["-h"] => Usage.Print(Console.Out, 0),
        _ => throw new UsageException($"unknown command '{string.Join(' ', args)}'"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"edgecontrol: {e.Message}");
    Console.Error.WriteLine("Run 'edgecontrol help' for the commands and their options.");
    return 2;
}
catch (ScenarioException e)
{
    Console.Error.WriteLine($"edgecontrol: invalid scenario: {e.Message}");
    return 2;
}
