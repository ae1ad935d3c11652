using System.CommandLine;
using System.Globalization;
using EdgeControl.Cli.Options;

namespace EdgeControl.Cli.Tests;

/// <summary>The generated help of <c>edgecontrol</c> and its commands, and how it answers a misspelt option.</summary>
public sealed class HelpTests
{
    /// <summary>Every command that runs, by the words that name it (bench convergence), from the command line's own declaration.</summary>
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in Runnable(new EdgeControlCommand(), ""))
        {
            data.Add(path);
        }

        return data;
    }

    [Fact]
    public void The_programs_help_lists_every_command_with_every_option_and_its_default()
    {
        var (exitCode, help, error) = Answer("--help");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        var overview = Flatten(help[help.IndexOf("Every command and its options", StringComparison.Ordinal)..]);
        var commands = Runnable(new EdgeControlCommand(), "").ToList();
        var starts = commands.Select(c => overview.IndexOf($" {c.Path} ", StringComparison.Ordinal)).Append(overview.Length).ToList();
        Assert.Equal(starts.Order(), starts); // each command once, in the order declared
        foreach (var (i, (_, command)) in commands.Index())
        {
            var entry = overview[starts[i]..starts[i + 1]];
            foreach (var option in command.Options)
            {
                var usage = $"{option.Name} {option.HelpName}".TrimEnd();
                var expected = option.Required ? usage
                    : option.HasDefaultValue && option.ValueType != typeof(bool) ? $"[{usage} ({Default(option)})]"
                    : $"[{usage}]";
                Assert.Contains(expected, entry, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Each_commands_help_lists_every_option_with_its_default(string command)
    {
        var (exitCode, help, _) = Answer([.. command.Split(' '), "--help"]);

        Assert.Equal(0, exitCode);
        Assert.Contains($"Usage:\n  edgecontrol {command} ", help.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var declared = Runnable(new EdgeControlCommand(), "").Single(c => c.Path == command).Command;
        foreach (var option in declared.Options)
        {
            var entry = Entry(help, option.Name);
            Assert.False(string.IsNullOrEmpty(entry), $"{option.Name} is not in the help of {command}");
            if (option.HasDefaultValue && option.ValueType != typeof(bool))
            {
                Assert.Contains($"[default: {Default(option)}]", Flatten(entry), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("bench convergence", "--eval-every", "[default: 25]")]
    [InlineData("bench convergence", "--jobs", "the default is one per core")]
    [InlineData("bench convergence", "--stop-when-held", "Without it: every run goes to M")]
    [InlineData("simulate", "--seed", "without it: the scenario's seed")]
    [InlineData("simulate", "--closed-loop-requests", "[default: 2000]")]
    [InlineData("bench ingest", "--batch", "the server takes at most 1000")]
    [InlineData("bench run-one", "--setting", "[default: default]")]
    public void Help_says_what_an_option_is_counted_in_and_what_its_absence_means(string command, string option, string text)
    {
        var help = Answer([.. command.Split(' '), "--help"]).Output;

        Assert.Contains(text, Flatten(Entry(help, option)), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_of_a_command_exits_0_even_without_its_required_options()
    {
        var result = EdgeControlProcess.Run("bench", "convergence", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--max-interactions <M> (REQUIRED)", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void A_misspelt_option_exits_2_naming_it_and_suggesting_the_closest()
    {
        var result = EdgeControlProcess.Run("bench", "convergence", "--seedz", "3");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unrecognized command or argument '--seedz'.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'--seedz' was not matched. Did you mean one of the following?\n--seeds\n", result.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        // The 3 is the misspelt option's value, not a second mistake with a suggestion of its own.
        Assert.DoesNotContain("'3'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("edgecontrol bench convergence --help", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void An_option_without_its_value_is_named_rather_than_the_next_option_read_as_its_value()
    {
        var (exitCode, _, error) = Answer("bench", "convergence", "--scenario", "--agents", "hl");

        Assert.Equal(2, exitCode);
        Assert.Contains("option --scenario needs a value, but the next word is the option --agents.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_group_alone_exits_2_listing_its_commands()
    {
        var (exitCode, _, error) = Answer("bench");

        Assert.Equal(2, exitCode);
        Assert.Contains("Required command was not provided.", error, StringComparison.Ordinal);
        Assert.All(["sim", "convergence", "run-one", "decide", "ingest", "plot"], c => Assert.Contains($"\n  {c} ", error.ReplaceLineEndings("\n"), StringComparison.Ordinal));
    }

    [Fact]
    public void A_setting_the_agent_does_not_have_is_named_with_the_settings_it_has()
    {
        var (exitCode, _, error) = Answer("bench", "run-one", "--scenario", EdgeControlProcess.ShippedScenario, "--agent", "hl", "--setting", "7");

        Assert.Equal(2, exitCode);
        Assert.Contains("option --setting must be 'default' or a sweep index 0..0 of hl (got '7').", error, StringComparison.Ordinal);
    }

    /// <summary>What the program prints and returns for a command line it answers without running anything.</summary>
    private static (int ExitCode, string Output, string Error) Answer(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = new EdgeControlCommand().Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static IEnumerable<(string Path, Command Command)> Runnable(Command command, string path) =>
        command.Subcommands.SelectMany(c =>
        {
            var name = path.Length == 0 ? c.Name : $"{path} {c.Name}";
            return c.Subcommands.Count > 0 ? Runnable(c, name) : [(name, c)];
        });

    private static string? Default(Option option) => Convert.ToString(option.GetDefaultValue(), CultureInfo.InvariantCulture);

    /// <summary>An option's lines of the help: from its own to the next option's.</summary>
    private static string Entry(string help, string option)
    {
        var lines = help.ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        if (start < 0)
        {
            return "";
        }

        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("  -", StringComparison.Ordinal) || l.Length == 0);
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }

    /// <summary>The help wraps long lines in a terminal: join them back into one.</summary>
    private static string Flatten(string text) => string.Join(' ', text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()));
}
