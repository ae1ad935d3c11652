using EdgeControl.DeviceAgent.Options;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>What the agent answers without running: its generated help, and usage errors with exit code 2.</summary>
public sealed class AgentHelpTests
{
    [Fact]
    public void Help_lists_every_option()
    {
        var (exitCode, help, error) = AgentCommandLine.Answer("--help");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.StartsWith("Description:", help, StringComparison.Ordinal);
        Assert.Contains("EdgeControl.DeviceAgent [options]", help, StringComparison.Ordinal);
        var command = new AgentCommand(DefaultScenario.Find, _ => null);
        Assert.All(command.Options, option => Assert.NotEmpty(Entry(help, option.Name)));
    }

    [Theory]
    [InlineData("--profile", "[default: rpi4]")]
    [InlineData("--simulate", "[default: 1]")]
    [InlineData("--seed", "[default: 1]")]
    [InlineData("--heartbeat", "[default: 5s]")]
    [InlineData("--duration", "[default: 60s]")]
    [InlineData("--rate", "[default: 1]")]
    [InlineData("--scenario", "scenarios/paper-mobilenet.json]")]
    public void Help_shows_each_default_as_it_would_be_typed(string option, string shown)
    {
        var help = AgentCommandLine.Answer("--help").Output;

        Assert.Contains(shown, Flatten(Entry(help, option)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--heartbeat", "ms, s or m")]
    [InlineData("--duration", "ms, s or m")]
    [InlineData("--rate", "requests per second per device")]
    [InlineData("--data", "Without it: $XDG_STATE_HOME/edgecontrol/agent-NAME")]
    [InlineData("--stats", "without it: none")]
    public void Help_gives_units_and_what_an_option_without_a_default_does_when_absent(string option, string text)
    {
        var help = AgentCommandLine.Answer("--help").Output;

        Assert.Contains(text, Flatten(Entry(help, option)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_option_exits_2_naming_it_and_suggesting_the_closest()
    {
        var (exitCode, output, error) = AgentCommandLine.Answer("--server", "http://h:1", "--api-key", "k", "--simulte", "3");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("'--simulte' was not matched. Did you mean one of the following?\n--simulate\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Unrecognized command or argument '--simulte'.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Description:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_exits_2_with_the_sentence_naming_the_option()
    {
        var (exitCode, output, error) = AgentCommandLine.Answer("--server", "localhost:5000", "--api-key", "k");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.StartsWith("option --server must be an http:// or https:// URL (got 'localhost:5000').", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_command_line_is_not_answered_but_run()
    {
        Assert.Null(AgentCommandLine.Answer("--server", "http://h:1", "--api-key", "k").ExitCode);
    }

    /// <summary>An option's lines of the help: from its own to the next option's.</summary>
    private static string Entry(string help, string option)
    {
        var lines = help.ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal) || l.Contains(", " + option + " ", StringComparison.Ordinal));
        if (start < 0)
        {
            return "";
        }

        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("  -", StringComparison.Ordinal) || l.Length == 0);
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }

    /// <summary>The help wraps long descriptions: join the lines back into one.</summary>
    private static string Flatten(string entry) => string.Join(' ', entry.Split('\n').Select(l => l.Trim()));
}
