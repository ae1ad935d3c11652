namespace EdgeControl.Cli.Tests;

/// <summary>The top level of <c>edgecontrol</c>: help and unknown commands.</summary>
public class CommandLineTests
{
    [Fact]
    public void Help_lists_every_command_and_exits_0()
    {
        var result = EdgeControlProcess.Run("help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("scenario validate FILE", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("simulate --scenario FILE", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("bench sim --scenario FILE", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_exits_2_naming_it()
    {
        var result = EdgeControlProcess.Run("teleport", "now");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unrecognized command or argument 'teleport'", result.Stderr, StringComparison.Ordinal);
    }
}
