namespace EdgeControl.Protocol;

/// <summary>What the control plane calls on a connected device (the strongly typed client of the device hub).</summary>
public interface IDeviceClient
{
    /// <summary>Run one request as decided; the device answers with the measured outcome.</summary>
    Task Execute(ExecuteCommand command);

    /// <summary>
    /// Every outcome of this device up to <paramref name="sequence"/> is stored: the device may forget them.
    /// Until then it keeps them and re-sends them after a reconnect.
    /// </summary>
    Task Acknowledge(long sequence);
}
