using Spectre.Console;

namespace EdgeControl.Cli.Terminal;

/// <summary>
/// Whether output goes to a person at a terminal (progress bars, boxed tables) or to a file, a pipe or a CI log, which
/// get the plain lines scripts and tests parse.
/// </summary>
internal static class TerminalOutput
{
    /// <param name="redirected">Whether the stream is redirected (<see cref="Console.IsErrorRedirected"/> for stderr).</param>
    /// <param name="environment">Environment variables: CI set (to anything) or TERM=dumb means plain.</param>
    public static bool IsInteractive(bool redirected, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !redirected && string.IsNullOrEmpty(environment("CI")) && environment("TERM") != "dumb";
    }

    /// <summary>A Spectre console writing to <paramref name="writer"/>, sized and coloured as the terminal it is.</summary>
    public static IAnsiConsole For(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Interactive = InteractionSupport.Yes });
}
