namespace EdgeControl.Protocol;

/// <summary>What the control plane calls on a connected device (the strongly typed client of the device hub).</summary>
public interface IDeviceClient
{
    /// <summary>Run one request as decided; the device answers with the measured outcome.</summary>
    Task Execute(ExecuteCommand command);

    /// <summary>
    /// Every outcome of this device up to <paramref name="sequence"/> is settled (stored, or rejected by an earlier
    /// <see cref="Reject"/>): the device may forget them. Until then it keeps them and re-sends them after a reconnect.
    /// </summary>
    Task Acknowledge(long sequence);

    /// <summary>
    /// The outcome numbered <paramref name="sequence"/> will never be stored, for <paramref name="reason"/> (a field
    /// the control plane refuses, an outcome that does not answer a decision issued to this device or answers one
    /// reported already, or a row the database rejected). Re-sending it cannot help: the device counts it
    /// and drops it when the <see cref="Acknowledge"/> that follows covers it.
    /// </summary>
    Task Reject(long sequence, string reason);
}
