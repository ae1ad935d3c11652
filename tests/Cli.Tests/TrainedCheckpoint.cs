namespace EdgeControl.Cli.Tests;

/// <summary>
/// A learner checkpoint written once per test class the way a user makes one: <c>bench run-one --save-checkpoint</c>,
/// the hybrid agent on the shipped scenario for a few real interactions (enough to have weights; quality is not tested).
/// </summary>
public sealed class TrainedCheckpoint : IDisposable
{
    public const int RealInteractions = 10;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("edgecontrol-checkpoint-");

    public TrainedCheckpoint()
    {
        Path = System.IO.Path.Combine(_directory.FullName, "hl.checkpoint");
        Training = EdgeControlProcess.Run("bench", "run-one", "--scenario", EdgeControlProcess.ShippedScenario, "--agent", "hl",
            "--max-interactions", RealInteractions.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save-checkpoint", Path);
    }

    public string Path { get; }

    internal CommandResult Training { get; }

    public void Dispose() => _directory.Delete(recursive: true);
}
