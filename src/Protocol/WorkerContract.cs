namespace EdgeControl.Protocol;

/// <summary>
/// How an edge or cloud worker talks to the control plane (a hub, authenticated with the worker's API key like a
/// device's) and how a device talks to a worker (one HTTP endpoint, authorised per request by a worker token).
/// </summary>
public static class WorkerContract
{
    /// <summary>Registration of a worker: <c>POST</c> a <see cref="RegisterWorkerRequest"/>, answered by a <see cref="RegisteredWorker"/>.</summary>
    public const string RegistrationPath = "/api/v1/workers";

    /// <summary>The worker hub; the worker's API key goes in <see cref="DeviceHubContract.ApiKeyHeader"/>.</summary>
    public const string HubPath = "/hubs/workers";

    /// <summary>Worker -> server: its <see cref="WorkerLoad"/>; a worker that misses heartbeats is offline and gets no requests.</summary>
    public const string Heartbeat = nameof(Heartbeat);

    /// <summary>Worker -> server: its <see cref="WorkerProfile"/>, measured at start.</summary>
    public const string ReportProfile = nameof(ReportProfile);

    /// <summary>
    /// Device -> worker: <c>POST</c> the raw input (uint8 RGB, resolution x resolution x 3 bytes, row-major HWC) as
    /// <c>application/octet-stream</c>, with <see cref="TokenHeader"/>, <see cref="RequestIdHeader"/> and
    /// <see cref="VariantHeader"/>; answered by an <see cref="InferenceAnswer"/>, or 401 (token missing, wrong, expired
    /// or used), 400 (body or headers do not match the token's variant), 429/503 with <c>Retry-After</c> (queue full).
    /// </summary>
    public const string InferPath = "/v1/infer";

    /// <summary>
    /// Device -> worker: <c>GET</c>, answered at once with 204 and no work, so a device can measure its round trip to the
    /// worker (the <c>rttEdgeMs</c> / <c>rttCloudMs</c> it reports). Needs no token: it reveals nothing and costs nothing.
    /// </summary>
    public const string PingPath = "/v1/ping";

    /// <summary>The worker token the control plane issued with the decision (<see cref="ExecuteCommand.WorkerToken"/>).</summary>
    public const string TokenHeader = "X-Worker-Token";

    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>The catalog name of the model variant to run (e.g. <c>mobilenet-v1-1.0-224</c>).</summary>
    public const string VariantHeader = "X-Variant";

    /// <summary>How long a worker token is valid after it was issued: a decision is executed at once or not at all.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Body of a worker registration: its node <paramref name="Name"/> (the scenario's server it serves, e.g. <c>edge-1</c>),
/// its <paramref name="Tier"/> (<c>edge</c> or <c>cloud</c>) and the base <paramref name="Url"/> devices reach it at.
/// Nullable so a missing field is reported by name.
/// </summary>
public sealed record RegisterWorkerRequest(string? Name, string? Tier, string? Url);

/// <summary>
/// The answer to a worker registration, the only one that carries its secrets: the <paramref name="ApiKey"/> for the
/// hub, and the <paramref name="TokenKey"/> (base64, 32 bytes) with which the control plane signs this worker's tokens.
/// </summary>
public sealed record RegisteredWorker(Guid Id, string Name, string Tier, string Url, string ApiKey, string TokenKey);

/// <summary>What a worker is doing now: requests executing, requests waiting in its queue, and its execution slots.</summary>
public sealed record WorkerLoad(int InFlight, int Queued, int Slots);

/// <summary>
/// A worker's own measurement of itself: the median milliseconds of one forward pass of every catalog variant on one
/// slot, and the effective throughput of a slot fitted to them (the twin's <c>GigaMacsPerSecond</c>); and
/// <paramref name="ServiceOverheadMs"/>, the median milliseconds a request to itself over its own HTTP stack took beyond
/// its compute (the twin's per-request service overhead), or null when not measured (a worker before this field).
/// </summary>
public sealed record WorkerProfile(double GigaMacsPerSecond, int Slots, IReadOnlyList<VariantTiming> Variants, double? ServiceOverheadMs = null);

/// <summary>Median milliseconds of one forward pass of <paramref name="Variant"/> (catalog name) on one slot.</summary>
public sealed record VariantTiming(string Variant, double MedianMs);

/// <summary>
/// A worker's answer to one inference: the five most likely class indices (weights are random: the classes mean
/// nothing, the compute is real), and how long the request waited in the queue and computed, in milliseconds.
/// </summary>
public sealed record InferenceAnswer(string RequestId, IReadOnlyList<int> Top5, double QueueMs, double ComputeMs);
