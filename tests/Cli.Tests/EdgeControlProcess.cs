using System.Diagnostics;

namespace EdgeControl.Cli.Tests;

/// <summary>
/// Runs the built <c>edgecontrol.dll</c> (copied next to the tests by the project reference) as a
/// child process, exactly as a user would, and captures its output.
/// </summary>
internal static class EdgeControlProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string RepositoryRoot { get; } = FindRoot();

    public static string ShippedScenario => Path.Combine(RepositoryRoot, "scenarios", "paper-mobilenet.json");

    public static CommandResult Run(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgecontrol.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start edgecontrol");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"edgecontrol {string.Join(' ', args)} did not finish within {Timeout}");
        }

        return new CommandResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string DotnetHost()
    {
        // The SDK tells child processes which host it runs on; otherwise the test host itself may be dotnet.
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeControl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"EdgeControl.sln not found above {AppContext.BaseDirectory}");
    }
}
