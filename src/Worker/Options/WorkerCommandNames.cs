namespace EdgeControl.Worker.Options;

/// <summary>Names the worker's command line shares with its messages.</summary>
internal static class WorkerCommandNames
{
    /// <summary>Where the registration token may come from instead of --registration-token (keeps it out of `ps`).</summary>
    public const string RegistrationTokenVariable = "EDGECONTROL_REGISTRATION_TOKEN";
}
