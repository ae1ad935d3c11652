namespace EdgeControl.DeviceAgent.Options;

/// <summary>A bad command line, explained in one sentence.</summary>
internal sealed class AgentUsageException(string message) : Exception(message);
