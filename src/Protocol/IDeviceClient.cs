namespace EdgeControl.Protocol;

/// <summary>What the control plane calls on a connected device (the strongly typed client of the device hub).</summary>
public interface IDeviceClient
{
    /// <summary>Run one request as decided; the device answers with the measured outcome.</summary>
    Task Execute(ExecuteCommand command);
}
