namespace EdgeControl.DeviceAgent;

/// <summary>A failure the agent reports as one sentence and stops on (a refused key, an unreachable scenario file).</summary>
public sealed class DeviceAgentException(string message) : Exception(message);
