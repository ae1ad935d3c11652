using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using EdgeControl.Cli.Commands;

namespace EdgeControl.Cli.Options;

/// <summary>
/// <c>edgecontrol</c>'s command line, declared once as a tree of commands with typed options: System.CommandLine parses
/// it, generates <c>--help</c> for every command (each option with its default) and suggests the closest option for a
/// misspelt one.
/// </summary>
internal sealed class EdgeControlCommand : RootCommand
{
    private const string Summary = """
        edgecontrol: EdgeControl's command line. Checks scenarios, runs placement policies and trained learners on the
        digital twin, benchmarks the simulator, the learning agents (the convergence experiment) and a running
        control plane, reports a run of the live testbed, and trains or evaluates policies from the control plane's
        decision log. Exit codes: 0 success, 2 a bad command line or scenario,
        1 anything else.
        """;

    public EdgeControlCommand()
        : base(Summary)
    {
        // The name the help shows, also when the tests run the program under the dotnet host.
        HelpName = "edgecontrol";
        Subcommands.Add(new Command("scenario", "Scenario files.") { new ScenarioValidateCommand() });
        Subcommands.Add(new SimulateCommand());
        Subcommands.Add(new Command("bench", "Benchmarks and the convergence experiment.")
        {
            new BenchSimCommand(),
            new BenchConvergenceCommand(),
            new BenchAdaptationCommand(),
            new BenchRunOneCommand(),
            new BenchDecideCommand(),
            new BenchIngestCommand(),
            new BenchLearnCommand(),
            new BenchPlotCommand(),
        });
        Subcommands.Add(new TrainFromLogCommand());
        Subcommands.Add(new EvaluateFromLogCommand());
        Subcommands.Add(new Command("testbed", "The one-machine live testbed (scripts/testbed.sh).") { new TestbedReportCommand() });
        var help = Options.OfType<HelpOption>().Single();
        help.Action = new CommandOverview((HelpAction)help.Action!);
    }

    /// <summary>Parses <paramref name="args"/> and runs the command, or answers a usage error with <see cref="UsageError.ExitCode"/>.</summary>
    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        // Nothing, or the word help, is how people ask what the program does.
        var parsed = Parse(args is [] or ["help"] ? ["--help"] : args);
        return parsed.Errors.Count == 0 || parsed.Action is { ClearsParseErrors: true }
            ? parsed.Invoke(new InvocationConfiguration { Output = output, Error = error })
            : Refuse(parsed, args, error);
    }

    /// <summary>The problems, one sentence each, with the closest valid option or command for a misspelt one.</summary>
    private int Refuse(ParseResult parsed, IReadOnlyList<string> args, TextWriter error)
    {
        // The word after a misspelt option is its value, not a mistake of its own: asking about it (the "3" of --seedz 3)
        // would only add a suggestion of -h. The problems are those of the command line without it.
        var values = Enumerable.Range(1, Math.Max(args.Count - 1, 0))
            .Where(i => args[i - 1].StartsWith('-') && !args[i].StartsWith('-') && parsed.UnmatchedTokens.Contains(args[i - 1]) && parsed.UnmatchedTokens.Contains(args[i]))
            .ToHashSet();
        var without = values.Count == 0 ? parsed : Parse(args.Where((_, i) => !values.Contains(i)).ToList());
        var answered = without.Errors.Count > 0 ? without : parsed;
        if (answered.Action is ParseErrorAction action)
        {
            // A command group alone (edgecontrol bench) is answered with its commands; other mistakes need no screen of help.
            action.ShowHelp = answered.CommandResult.Command.Subcommands.Count > 0 && answered.UnmatchedTokens.Count == 0;
        }

        answered.Invoke(new InvocationConfiguration { Output = error, Error = error });
        error.WriteLine($"(see '{CommandPath(answered.CommandResult)} --help' for every option and its default)");
        return UsageError.ExitCode;
    }

    private static string CommandPath(CommandResult result) =>
        result.Parent is CommandResult parent ? $"{CommandPath(parent)} {result.Command.Name}" : "edgecontrol";
}
