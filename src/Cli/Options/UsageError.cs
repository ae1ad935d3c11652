namespace EdgeControl.Cli.Options;

/// <summary>A command line that cannot be run as written: exit code 2, and one sentence saying what to change.</summary>
internal static class UsageError
{
    public const int ExitCode = 2;

    /// <summary>For what only running can find (a checkpoint's content, a directory that cannot be created).</summary>
    public static int Report(string message)
    {
        Console.Error.WriteLine($"edgecontrol: {message}");
        return ExitCode;
    }
}
