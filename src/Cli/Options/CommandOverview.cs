using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;

namespace EdgeControl.Cli.Options;

/// <summary>
/// <c>--help</c>: System.CommandLine's generated help, and for the program itself then every command that runs, with
/// all its options and their defaults, so one screen shows what <c>edgecontrol</c> can do (the generated help of the
/// root lists only <c>scenario</c>, <c>simulate</c> and <c>bench</c>).
/// </summary>
internal sealed class CommandOverview(HelpAction generated) : SynchronousCommandLineAction
{
    private const int MinWidth = 60, MaxWidth = 110;

    /// <summary>Help is answered even when the rest of the command line is incomplete (--help without the required options).</summary>
    public override bool ClearsParseErrors => generated.ClearsParseErrors;

    public override bool Terminating => generated.Terminating;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var exitCode = generated.Invoke(parseResult);
        if (parseResult.CommandResult.Command is RootCommand root)
        {
            Write(root, parseResult.InvocationConfiguration.Output, Math.Clamp(generated.MaxWidth, MinWidth, MaxWidth));
        }

        return exitCode;
    }

    public static void Write(Command root, TextWriter output, int width)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("Every command and its options (defaults in parentheses; 'edgecontrol COMMAND --help' says what each means):");
        foreach (var (path, command) in Runnable(root, ""))
        {
            var indent = new string(' ', 2 + path.Length + 1);
            var lines = Wrapping.Lines(Synopsis(command), width - indent.Length).ToList();
            output.WriteLine($"  {path} {(lines.Count > 0 ? lines[0] : "")}".TrimEnd());
            foreach (var line in lines.Skip(1))
            {
                output.WriteLine(indent + line);
            }

            foreach (var line in Wrapping.Lines(FirstSentence(command.Description).Split(' '), width - 6))
            {
                output.WriteLine("      " + line);
            }
        }

        output.WriteLine();
    }

    /// <summary>The commands that run (not the groups), with the words that name them.</summary>
    private static IEnumerable<(string Path, Command Command)> Runnable(Command command, string path) =>
        command.Subcommands.Where(c => !c.Hidden).SelectMany(c =>
        {
            var name = path.Length == 0 ? c.Name : $"{path} {c.Name}";
            return c.Subcommands.Count > 0 ? Runnable(c, name) : [(name, c)];
        });

    /// <summary>The arguments, the required options, then the others in brackets with their defaults; one item per word.</summary>
    private static IEnumerable<string> Synopsis(Command command) =>
        command.Arguments.Select(a => a.HelpName ?? a.Name.ToUpperInvariant())
            .Concat(command.Options.Where(o => !o.Hidden).OrderBy(o => !o.Required).Select(Usage));

    private static string Usage(Option option)
    {
        var usage = option.ValueType == typeof(bool) ? option.Name : $"{option.Name} {option.HelpName ?? "VALUE"}";
        if (option.Required)
        {
            return usage;
        }

        return option.HasDefaultValue && option.ValueType != typeof(bool)
            ? $"[{usage} ({Convert.ToString(option.GetDefaultValue(), CultureInfo.InvariantCulture)})]"
            : $"[{usage}]";
    }

    private static string FirstSentence(string? description)
    {
        var text = (description ?? "").ReplaceLineEndings(" ");
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text.Trim() : text[..(end + 1)];
    }
}
