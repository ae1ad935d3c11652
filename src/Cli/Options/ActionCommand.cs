using System.CommandLine;
using System.CommandLine.Parsing;

namespace EdgeControl.Cli.Options;

/// <summary>
/// A command that runs something: its options are typed properties of the subclass, checked as they are parsed, and
/// <see cref="Run"/> is called only with a command line that has no errors.
/// </summary>
internal abstract class ActionCommand : Command
{
    protected ActionCommand(string name, string description)
        : base(name, description)
    {
        Validators.Add(NoOptionTakenAsAValue);
        SetAction(Run);
    }

    /// <summary>Runs the command; the exit code: 0 done, 1 failed, <see cref="UsageError.ExitCode"/> for a usage error found only now.</summary>
    protected abstract int Run(ParseResult parsed);

    protected void Add(params Option[] options)
    {
        foreach (var option in options)
        {
            Options.Add(option);
        }
    }

    /// <summary>
    /// System.CommandLine gives an option that needs a value the next word even when that word is another option
    /// (<c>--scenario --seeds 3</c> would read a scenario from "--seeds"): say what is missing instead.
    /// </summary>
    private static void NoOptionTakenAsAValue(CommandResult result)
    {
        var names = result.Command.Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        if (result.Children.OfType<OptionResult>().FirstOrDefault(o => o.Tokens.Any(t => names.Contains(t.Value))) is { } swallowed)
        {
            result.AddError($"option {swallowed.Option.Name} needs a value, but the next word is the option {swallowed.Tokens.First(t => names.Contains(t.Value)).Value}.");
        }
    }
}
