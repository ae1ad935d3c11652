namespace EdgeControl.Web.Devices;

/// <summary>Settings of device registration (section <c>Devices</c>).</summary>
internal sealed class DevicesOptions
{
    public const string SectionName = "Devices";

    /// <summary>Shortest registration token accepted, so a guessable one cannot be configured by accident.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>
    /// The shared secret a device presents in <c>X-Registration-Token</c> to register itself. Empty: registration
    /// (and revocation) is refused until one is configured.
    /// </summary>
    public string RegistrationToken { get; set; } = string.Empty;

    /// <summary>Device registrations accepted per client IP and minute (<see cref="RegistrationRateLimit"/>).</summary>
    public int RegistrationsPerMinute { get; set; } = 30;
}
