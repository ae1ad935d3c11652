using EdgeControl.Core.Domain;
using EdgeControl.Inference;

namespace EdgeControl.Worker.Options;

/// <summary>What a worker runs with, parsed and checked by <see cref="WorkerCommand"/> (or set by a test).</summary>
public sealed record WorkerOptions
{
    /// <summary>The control plane; null runs the worker alone (no registration, no hub), as the tests do.</summary>
    public Uri? Server { get; init; }

    /// <summary>The node name (the scenario's server this worker stands for, e.g. <c>edge-1</c>); tokens must name it.</summary>
    public required string Name { get; init; }

    public Tier Tier { get; init; } = Tier.Edge;

    /// <summary>The base URL devices reach this worker at (registered with the control plane).</summary>
    public required Uri Url { get; init; }

    /// <summary><see cref="Url"/> as registered: without a trailing slash, so paths append to it.</summary>
    public string PublicUrl => Url.ToString().TrimEnd('/');

    /// <summary>Where Kestrel listens (http: HTTP/1.1, see <see cref="WorkerApp"/>); port 0 picks a free one.</summary>
    public required Uri Listen { get; init; }

    /// <summary>Requests executing at once, each on a dedicated thread with its own networks.</summary>
    public int Slots { get; init; } = 1;

    /// <summary>libtorch threads per slot.</summary>
    public int ThreadsPerSlot { get; init; } = 1;

    /// <summary>Requests waiting for a slot at most; beyond that the worker answers 429.</summary>
    public int QueueLength { get; init; } = 16;

    /// <summary>Where the worker keeps its identity (worker.json); null keeps it nowhere (tests).</summary>
    public string? DataDirectory { get; init; }

    public string? RegistrationToken { get; init; }

    /// <summary>The variants this worker serves and profiles (the scenario's catalog).</summary>
    public required IReadOnlyList<ModelVariant> Catalog { get; init; }

    /// <summary>Measure the catalog on one slot, print the profile and stop: no registration, no serving.</summary>
    public bool ProfileOnly { get; init; }

    public int ProfileWarmUps { get; init; } = SelfProfile.DefaultWarmUps;

    public int ProfileTimedPasses { get; init; } = SelfProfile.DefaultTimedPasses;

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Served passes per variant whose median is its in-service figure (<see cref="InServiceProfile"/>).</summary>
    public int InServiceWindow { get; init; } = InServiceProfile.DefaultWindow;

    /// <summary>
    /// How often the in-service profile is compared with the one last reported: a profile that moved goes out at most
    /// this often. Each report is one row update on the control plane and one refresh of its Devices page; 5 s follows
    /// a load that changes over tens of seconds (the testbed's phases) at the cost of about 12 updates a minute at most.
    /// </summary>
    public TimeSpan ProfileReportEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Request ids remembered at most (each until its token expires): bounds the memory of the one-use check.</summary>
    public int UsedRequestIdCapacity { get; init; } = 100_000;
}
