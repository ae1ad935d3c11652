using System.CommandLine;
using EdgeControl.Cli.Logs;
using static EdgeControl.CommandLine.OptionValueParser;

namespace EdgeControl.Cli.Options;

/// <summary>The options of the commands that read the control plane's decision log (testbed report, train and evaluate --from-log).</summary>
internal static class DecisionLogOptions
{
    public static Option<string> Connection() => new(DecisionLogDatabase.ConnectionOption)
    {
        HelpName = "CS", Description = "the control plane's PostgreSQL connection string (Npgsql), e.g. Host=127.0.0.1;Port=5433;Database=edgecontrol;Username=edgecontrol", Required = true,
        CustomParser = r => Token(r) is not { } text ? null : DecisionLogDatabase.SyntaxProblem(text) is { } problem ? Error<string>(r, problem) : text,
    };

    public static Option<DateTimeOffset?> Since(string description, bool required = false) => new("--since")
    {
        HelpName = "TIME", Description = description, Required = required, CustomParser = OptionValues.Moment,
    };

    public static Option<DateTimeOffset?> Until() => new("--until")
    {
        HelpName = "TIME", Description = "read rows observed before this time (ISO 8601, UTC unless an offset is given); without it: up to the last row",
        CustomParser = OptionValues.Moment,
    };

    /// <summary>The flag that says where a command's data comes from (train and evaluate: the decision log, the only source so far).</summary>
    public static Option<bool> FromLog(string description) => new("--from-log") { Description = description, Required = true };
}
