namespace EdgeControl.Web.ApiReference;

/// <summary>The groups of the API, as endpoints are tagged with them, and what each is for (in the document's <c>tags</c>).</summary>
internal static class ApiTags
{
    public const string Accounts = "Accounts";
    public const string Devices = "Devices";
    public const string Decisions = "Decisions";
    public const string Telemetry = "Telemetry";
    public const string Topology = "Topology";
    public const string TrainingRuns = "Training runs";
    public const string Workers = "Workers";
    public const string ServingPolicy = "Serving policy";

    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        (Accounts, "Dashboard accounts: sign in and out (the session cookie every operator and admin operation reads), who is signed in, new accounts (Admin)."),
        (Devices, "Devices register with the registration token and the users they host, and get their API key once; operators list them, admins revoke them. Devices connected to the hub heartbeat there instead of here."),
        (Decisions, "Where one request of a device's user runs and with which model variant, for a device without a hub connection. The answer carries the ticket its outcome must echo."),
        (Telemetry, "Measured outcomes of decisions, in batches, idempotent by the device's own sequence numbers; each outcome carries its decision's ticket unchanged."),
        (Topology, "The network as the control plane sees it now: nodes and their loads, users' links and where each user's latest request ran."),
        (TrainingRuns, "The learner's runs on the digital twin or the connected fleet: list them and their learning curves (operators), start and stop them (Admin)."),
        (Workers, "Edge and cloud workers that run inference for devices: they register with the registration token and get their API key and token key once; operators list them with status, load and measured profile; admins revoke them. Workers heartbeat and report their profile over the worker hub."),
        (ServingPolicy, "Who decides for devices: the run's learner (`learned`) or a fixed policy, for A/B windows on a live testbed (Admin to change)."),
    ];
}
