using System.Diagnostics;
using System.Globalization;
using EdgeControl.Core.Simulation;
using EdgeControl.Protocol;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Observability;
using EdgeControl.Web.Resilience;
using EdgeControl.Web.Telemetry;
using EdgeControl.Web.Topology;
using EdgeControl.Web.Workers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// The hub devices hold a connection to (<see cref="DeviceHubContract.Path"/>): a device submits a request context,
/// gets <see cref="IDeviceClient.Execute"/> with the decision, reports what it measured, and is acknowledged once the
/// outcome is stored. Every connection authenticated with a device key (<see cref="DeviceKeyAuthentication"/>), so it
/// belongs to one known device.
/// </summary>
internal sealed class DevicesHub(
    DecisionService decisions,
    TopologyTracker topology,
    PendingDecisions pending,
    DeviceLiveness liveness,
    ExecutedDecisions executed,
    OutcomeBatcher batcher,
    ObservationMapper mapper,
    DeviceConnections connections,
    EdgeControlMetrics metrics,
    HostedUsers hostedUsers,
    DecisionTickets tickets,
    OutcomeAdmission admission,
    OutcomeBounds bounds,
    WorkerDispatch workers,
    TimeProvider clock,
    IOptions<DeviceHubOptions> options) : Hub<IDeviceClient>
{
    private const string NodeIdItem = "nodeId";

    /// <summary>The SignalR group of one device's connections: acknowledgements reach it after a reconnect too.</summary>
    public static string GroupOf(Guid nodeId) => $"device:{nodeId:N}";

    private Guid NodeId => (Guid)Context.Items[NodeIdItem]!;

    public override async Task OnConnectedAsync()
    {
        var nodeId = DeviceClaims.NodeIdOf(Context.User);
        Context.Items[NodeIdItem] = nodeId;
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(nodeId));
        // Connecting proves the device alive as much as a heartbeat does.
        liveness.Beat(nodeId);
        connections.Opened(Context);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The device is alive: it gets decisions again at once, and <c>nodes</c> says online within one heartbeat interval.</summary>
    public void Heartbeat() => liveness.Beat(NodeId);

    /// <summary>A decision for <paramref name="context"/>, sent back as <see cref="IDeviceClient.Execute"/>.</summary>
    public async Task SubmitRequest(RequestContext? context) => await Clients.Caller.Execute(await DecideAsync(context));

    /// <summary>A decision for <paramref name="context"/>, returned as the call's result (<see cref="DeviceHubContract.Decide"/>).</summary>
    public Task<ExecuteCommand> Decide(RequestContext? context) => DecideAsync(context);

    private async Task<ExecuteCommand> DecideAsync(RequestContext? context)
    {
        var nodeId = NodeId;
        if (!liveness.IsOnline(nodeId))
        {
            throw new HubException("This device is offline: it missed its heartbeats. Send a Heartbeat, then submit requests again.");
        }

        var scenario = topology.Scenario ?? throw new HubException("No decisions yet: the control plane has not loaded a scenario.");
        var request = Map(context);
        var user = scenario.Users[request.User].Name;
        if (!(await HostedUsersAsync(nodeId)).Contains(user))
        {
            throw new HubException($"requestContext.user: '{user}' is not a user this device hosts (its users are given when it registers).");
        }

        PlacementDecision decision;
        string ticket;
        var started = Stopwatch.GetTimestamp();
        try
        {
            decision = decisions.Decide(context!.RequestId!, request, options.Value.Explore);
            ticket = tickets.Issue(nodeId, decision.RequestId, user, decision.Action, decision.Target, decision.Variant, clock.GetUtcNow());
        }
        catch (InvalidOperationException)
        {
            // No policy published yet, or the ticket key not read from the database yet: nothing was decided.
            throw new HubException("No decisions yet: the orchestrator has not published a policy, or the decision ticket key is still being read. Try again shortly.");
        }

        // Counted only once decided and signed: a refusal above is no decision.
        metrics.Decided(decision.TargetTier, "hub", decision.Explored, Stopwatch.GetElapsedTime(started));
        var (workerUrl, workerToken) = workers.For(nodeId, decision);
        pending.Add(nodeId, scenario, request, decision);
        return new ExecuteCommand(
            decision.RequestId, user, decision.Target, decision.TargetTier, decision.Variant, decision.Action, ticket, workerUrl, workerToken);
    }

    /// <summary>
    /// The observation for <paramref name="context"/>, mapped as the decisions endpoint maps it; a bad field is a
    /// <see cref="HubException"/> naming it. The request id is required here: the outcome is matched to it.
    /// </summary>
    private Observation Map(RequestContext? context)
    {
        if (context is null)
        {
            throw new HubException("requestContext: A request context (JSON object) is required.");
        }

        if (context.RequestId is null)
        {
            throw new HubException("requestContext.requestId: A request id is required: the outcome is reported under it.");
        }

        var mapped = mapper.Map(context);
        if (!mapped.ScenarioLoaded && mapped.Errors.Count == 0)
        {
            throw new HubException("No decisions yet: the control plane has not loaded a scenario.");
        }

        if (mapped.Observation is null)
        {
            var (field, messages) = mapped.Errors.First();
            throw new HubException(string.Create(CultureInfo.InvariantCulture, $"requestContext.{field}: {messages[0]}"));
        }

        return mapped.Observation;
    }

    /// <summary>
    /// Queues the outcomes to be stored, each with the context of the decision it answers (the learner reads them from
    /// the decision log). An outcome with a refused field, or one that does not answer a decision issued to this device
    /// (<see cref="OutcomeAdmission"/>), is rejected alone, by its sequence, and never stored. When the control plane
    /// already holds <see cref="DeviceHubOptions.OutcomeQueueCapacity"/> outcomes (its database is away), the whole
    /// report is refused and the device keeps it and sends it later.
    /// </summary>
    public async Task ReportOutcomes(IReadOnlyList<MeasuredOutcome?>? outcomes)
    {
        var nodeId = NodeId;
        var read = MeasuredOutcomeReader.Read(outcomes, bounds);
        var users = await HostedUsersAsync(nodeId);

        var queued = new List<HubOutcome>(read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            var (sequence, outcome, problem) = read[i];
            problem ??= admission.Refusal(nodeId, users, outcome!) is { } refusal ? $"outcomes[{i}].{refusal}" : null;
            queued.Add(problem is null
                ? new HubOutcome(nodeId, sequence, executed.Stage(nodeId, outcome!), Refusal: null)
                : new HubOutcome(nodeId, sequence, Row: null, problem));
        }

        // Refused only when the database has been away for long (a full queue): the decisions stay pending, so the
        // outcomes, re-sent later, are still stored with their context.
        if (!batcher.TryEnqueue(nodeId, queued))
        {
            throw Busy();
        }

        // Queued is as good as stored: the batcher retries until the database takes them.
        executed.Stored(queued.Where(o => o.Row is not null).Select(o => o.Row!));
    }

    /// <summary>
    /// The users this device hosts: read once per device and kept. Only a device not seen since start-up, while the
    /// database is away, gets none: "not now", so it keeps what it has and tries again later.
    /// </summary>
    private async Task<IReadOnlySet<string>> HostedUsersAsync(Guid nodeId)
    {
        try
        {
            return await hostedUsers.OfAsync(nodeId, Context.ConnectionAborted);
        }
        catch (Exception error) when (DatabaseErrors.IsUnavailable(error))
        {
            throw new HubException("The control plane cannot read this device's users now (its database is unavailable): keep these and send them again later.");
        }
    }

    private HubException Busy() => new(string.Create(
        CultureInfo.InvariantCulture,
        $"The control plane is holding {batcher.Waiting} outcomes it cannot store yet (its database is unavailable): keep these and send them again later."));
}
