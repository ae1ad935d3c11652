using EdgeControl.CommandLine;

namespace EdgeControl.DeviceAgent.Options;

/// <summary>Finds the repository's paper-like scenario, so `dotnet run --project src/DeviceAgent` works without --scenario.</summary>
internal static class DefaultScenario
{
    /// <summary>The first scenarios/paper-mobilenet.json above the working directory or the program's directory, or null.</summary>
    public static string? Find() => ShippedScenario.Find();
}
