namespace EdgeControl.Cli.Bench;

/// <summary>The files every experiment writes the same way into its <c>--out</c> directory.</summary>
internal static class ExperimentFiles
{
    /// <summary>Creates <paramref name="directory"/>; what went wrong, or null.</summary>
    public static string? CreateDirectory(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot create directory '{directory}' ({e.Message})";
        }
    }

    /// <summary>Writes results.json and curves.csv; returns their paths.</summary>
    public static List<string> WriteResultsAndCurves(string directory, string results, IEnumerable<AgentRuns> agents)
    {
        List<string> written = [Path.Combine(directory, "results.json"), Path.Combine(directory, "curves.csv")];
        File.WriteAllText(written[0], results + Environment.NewLine);
        using var curves = new StreamWriter(written[1]);
        CurvesCsv.Write(curves, agents);
        return written;
    }
}
