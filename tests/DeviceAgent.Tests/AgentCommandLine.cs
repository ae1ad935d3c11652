using EdgeControl.DeviceAgent.Options;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>The agent's command line as the program reads it: the options to run with, or what it answers instead.</summary>
internal static class AgentCommandLine
{
    /// <param name="environment">Environment variables for the default --data directory; none set when null.</param>
    public static AgentOptions Options(string[] args, Func<string, string?>? environment = null)
    {
        var command = Command(environment);
        var parsed = command.Parse(args);
        Assert.Empty(parsed.Errors.Select(e => e.Message));
        return command.Read(parsed);
    }

    /// <summary>The messages of every problem found, one sentence each.</summary>
    public static IReadOnlyList<string> Errors(params string[] args) => Command().Parse(args).Errors.Select(e => e.Message).ToList();

    /// <summary>What the program prints and the exit code it returns without running.</summary>
    public static (int? ExitCode, string Output, string Error) Answer(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = AgentCommand.Answer(Command().Parse(args), output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static AgentCommand Command(Func<string, string?>? environment = null) => new(DefaultScenario.Find, environment ?? (_ => null));
}
