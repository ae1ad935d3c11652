namespace EdgeControl.CommandLine;

/// <summary>
/// Finds the repository's paper-like scenario, so the programs that run an environment (the device agent, the worker)
/// work from a checkout without --scenario.
/// </summary>
public static class ShippedScenario
{
    private static readonly string RelativePath = Path.Combine("scenarios", "paper-mobilenet.json");

    /// <summary>The first scenarios/paper-mobilenet.json above the working directory or the program's directory, or null.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, RelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
