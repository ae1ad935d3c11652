using System.Net.Http.Json;
using EdgeControl.Data;
using EdgeControl.DeviceAgent;
using EdgeControl.DeviceAgent.Hub;
using EdgeControl.Protocol;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>The device hub on real Kestrel, driven by the device agent's own client code.</summary>
public sealed class DeviceHubTests(HubAppFixture fixture) : IClassFixture<HubAppFixture>
{
    /// <summary>Well inside the server's 4 x 300 ms, so these devices stay online.</summary>
    private static readonly DeviceHubClientOptions Lively = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        FirstRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromMilliseconds(400),
    };

    [Fact]
    public async Task Registered_device_connects_gets_Execute_for_its_request_and_its_outcome_is_stored_once()
    {
        var device = await RegisterAsync();
        var commands = new CommandInbox();
        await using var hub = new DeviceHubClient(fixture.Address, device.ApiKey, commands.ReceiveAsync, Lively);
        await hub.StartAsync(CancellationToken.None);

        await hub.SubmitAsync(Context("r-1", "camera-1"), CancellationToken.None);
        var command = await commands.NextAsync();

        Assert.Equal("r-1", command.RequestId);
        Assert.Equal("camera-1", command.User);
        Assert.Contains(command.TargetTier, new[] { "device", "edge", "cloud" });
        Assert.StartsWith("mobilenet", command.Variant, StringComparison.OrdinalIgnoreCase);
        var reported = hub.Report(RawHubDevice.Outcome(0, command));
        await Eventually.HoldsAsync(() => hub.Outcomes.Count == 0 && hub.Outcomes.Acknowledged == 1);

        var row = Assert.Single(await QueryAsync(db => db.DecisionLog.Where(d => d.NodeId == device.Id).ToListAsync()));
        Assert.Equal(reported.Sequence, row.Sequence);
        Assert.Equal("r-1", row.RequestId);
        Assert.Equal("camera-1", row.UserName);
        Assert.Equal(command.Target, row.Target);
        Assert.NotNull(row.Reward);
        // Heartbeats reach the table once per heartbeat interval.
        await Eventually.HoldsAsync(() => QueryAsync(db => db.Nodes.AnyAsync(n => n.Id == device.Id && n.Status == NodeStatuses.Online && n.LastHeartbeatAt != null)));
        // With its decision's context: a whole experience for the learner that follows the log.
        var experience = Assert.Single(await fixture.ReplayableRowsAsync(device.Id));
        Assert.Equal(command.Action, experience.Action);
        Assert.Equal(reported.LatencyMs, experience.LatencyMs);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_device_gets_its_decision_and_its_outcome_is_stored_over_JSON_and_over_MessagePack(bool messagePack)
    {
        var device = await RegisterAsync();
        await using var hub = await RawHubDevice.ConnectAsync(fixture.Address, device.ApiKey, messagePack);

        var command = await hub.DecideAsync("p-1");
        await hub.ReportAsync(RawHubDevice.Outcome(7, command));

        Assert.Empty(hub.Rejections);
        var row = Assert.Single(await QueryAsync(db => db.DecisionLog.Where(d => d.NodeId == device.Id).ToListAsync()));
        Assert.Equal((7L, "p-1", command.Target, command.Variant), (row.Sequence, row.RequestId, row.Target, row.Variant));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Decide_answers_the_decision_as_its_result_with_no_Execute_message_and_its_outcome_is_stored(bool messagePack)
    {
        var device = await RegisterAsync();
        await using var hub = await RawHubDevice.ConnectAsync(fixture.Address, device.ApiKey, messagePack);

        var command = await hub.DecideByResultAsync("d-1");
        await hub.ReportAsync(RawHubDevice.Outcome(3, command));

        Assert.Equal(("d-1", "camera-1"), (command.RequestId, command.User));
        Assert.Equal(0, hub.UnreadExecutes);
        Assert.Empty(hub.Rejections);
        var row = Assert.Single(await QueryAsync(db => db.DecisionLog.Where(d => d.NodeId == device.Id).ToListAsync()));
        Assert.Equal((3L, "d-1", command.Target, command.Variant), (row.Sequence, row.RequestId, row.Target, row.Variant));
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.DecideByResultAsync("d-2", "nobody"));
        Assert.Contains("requestContext.user:", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_and_revoked_keys_are_refused_and_a_key_in_the_query_string_is_accepted()
    {
        var device = await RegisterAsync();

        await using (var wrong = new DeviceHubClient(fixture.Address, device.ApiKey + "x", _ => Task.CompletedTask, Lively))
        {
            var refused = await Assert.ThrowsAsync<DeviceAgentException>(() => wrong.StartAsync(CancellationToken.None));
            Assert.Contains("refused the API key", refused.Message, StringComparison.Ordinal);
        }

        // Clients that cannot set headers (browsers' WebSocket API) put the key in access_token.
        var viaQuery = new HubConnectionBuilder()
            .WithUrl(new Uri(DeviceHubClient.HubUrl(fixture.Address), $"?{DeviceHubContract.AccessTokenQuery}={Uri.EscapeDataString(device.ApiKey)}"))
            .Build();
        await using (viaQuery)
        {
            await viaQuery.StartAsync();
            Assert.Equal(HubConnectionState.Connected, viaQuery.State);
        }

        using var http = new HttpClient { BaseAddress = fixture.Address };
        await SignIn.AsAdminAsync(http);
        (await DashboardRequest.SendAsync(http, HttpMethod.Delete, $"/api/v1/devices/{device.Id}")).EnsureSuccessStatusCode();

        await using var revoked = new DeviceHubClient(fixture.Address, device.ApiKey, _ => Task.CompletedTask, Lively);
        await Assert.ThrowsAsync<DeviceAgentException>(() => revoked.StartAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Outcomes_resent_after_a_dropped_connection_are_stored_once_and_none_is_lost()
    {
        var device = await RegisterAsync();
        await using var proxy = new TcpProxy(fixture.Address);
        var commands = new CommandInbox();
        await using var hub = new DeviceHubClient(proxy.Address, device.ApiKey, commands.ReceiveAsync, Lively);
        await hub.StartAsync(CancellationToken.None);
        var decided = new List<ExecuteCommand>();
        for (var i = 0; i < 5; i++)
        {
            await hub.SubmitAsync(Context($"r-{i}", "sensor-1"), CancellationToken.None);
            decided.Add(await commands.NextAsync());
        }

        // Three outcomes are reported; the server stores what reaches it, but its acknowledgements are lost on the way back.
        proxy.MuteDownstream = true;
        var sent = decided.Take(3).Select(c => hub.Report(RawHubDevice.Outcome(0, c))).ToList();
        // How many of the three reach the server depends on how the device batched them: it keeps one report in
        // flight and waits for its (lost) answer. The first report holds the first outcome.
        await Eventually.ReachesAsync(() => StoredSequencesAsync(device.Id), stored => stored.Contains(sent[0].Sequence));
        Assert.Equal(3, hub.Outcomes.Count);

        // The connection drops; two more outcomes are measured while the server is unreachable.
        proxy.Refuse = true;
        proxy.CutAll();
        await Eventually.HoldsAsync(() => hub.State != HubConnectionState.Connected);
        sent.AddRange(decided.Skip(3).Select(c => hub.Report(RawHubDevice.Outcome(0, c))));
        Assert.Equal(5, hub.Outcomes.Count);

        proxy.MuteDownstream = false;
        proxy.Refuse = false;
        await Eventually.HoldsAsync(() => hub.State == HubConnectionState.Connected && hub.Outcomes.Count == 0);

        Assert.Equal(sent.Select(o => o.Sequence).Order(), await StoredSequencesAsync(device.Id));
        // Each with its decision's context (a learner replays it once), though those stored before the cut were received twice.
        Assert.Equal(5, (await fixture.ReplayableRowsAsync(device.Id)).Count);
    }

    [Fact]
    public async Task A_device_that_missed_its_heartbeats_is_offline_and_gets_no_decision_until_it_heartbeats()
    {
        var device = await RegisterAsync();
        var commands = new CommandInbox();
        var silent = Lively with { HeartbeatInterval = TimeSpan.FromHours(1) };
        await using var hub = new DeviceHubClient(fixture.Address, device.ApiKey, commands.ReceiveAsync, silent);
        await hub.StartAsync(CancellationToken.None);

        // Connecting counts as a heartbeat (written to the table); then the device stays silent for more than 4 x 300 ms.
        await Eventually.HoldsAsync(() => QueryAsync(db => db.Nodes.AnyAsync(n => n.Id == device.Id && n.LastHeartbeatAt != null && n.Status == NodeStatuses.Offline)));
        var connectedAt = (await QueryAsync(db => db.Nodes.SingleAsync(n => n.Id == device.Id))).LastHeartbeatAt;
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.SubmitAsync(Context("late", "phone-1"), CancellationToken.None));
        Assert.Contains("offline", refused.Message, StringComparison.Ordinal);
        Assert.False(commands.Any);

        await hub.HeartbeatAsync(CancellationToken.None);
        await hub.SubmitAsync(Context("back", "phone-1"), CancellationToken.None);
        Assert.Equal("back", (await commands.NextAsync()).RequestId);
        await Eventually.HoldsAsync(() => QueryAsync(db => db.Nodes.AnyAsync(n => n.Id == device.Id && n.LastHeartbeatAt > connectedAt)));
    }

    [Fact]
    public async Task A_request_context_naming_an_unknown_user_is_refused_naming_the_field()
    {
        var device = await RegisterAsync();
        var commands = new CommandInbox();
        await using var hub = new DeviceHubClient(fixture.Address, device.ApiKey, commands.ReceiveAsync, Lively);
        await hub.StartAsync(CancellationToken.None);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.SubmitAsync(Context("r", "nobody"), CancellationToken.None));
        Assert.Contains("requestContext.user:", refused.Message, StringComparison.Ordinal);
    }

    private async Task<RegisteredDevice> RegisterAsync()
    {
        using var http = new HttpClient();
        return await DeviceRegistrar.RegisterAsync(http, fixture.Address, DeviceRegistration.Token, DeviceRegistration.UniqueName(), "rpi4", DeviceRegistration.Users, CancellationToken.None);
    }

    private static RequestContext Context(string requestId, string user) => new(requestId, user, 20, 5, 40, 0, "regular");

    /// <summary>The sequences stored for <paramref name="nodeId"/>, in order.</summary>
    private Task<List<long>> StoredSequencesAsync(Guid nodeId) =>
        QueryAsync(db => db.DecisionLog.Where(d => d.NodeId == nodeId).Select(d => d.Sequence).OrderBy(s => s).ToListAsync());

    private async Task<T> QueryAsync<T>(Func<EdgeControlDbContext, Task<T>> query)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>());
    }

    /// <summary>The Execute commands a test device received, in order.</summary>
    private sealed class CommandInbox
    {
        private readonly System.Threading.Channels.Channel<ExecuteCommand> _commands = System.Threading.Channels.Channel.CreateUnbounded<ExecuteCommand>();

        public bool Any => _commands.Reader.Count > 0;

        public Task ReceiveAsync(ExecuteCommand command) => _commands.Writer.WriteAsync(command).AsTask();

        public async Task<ExecuteCommand> NextAsync() => await _commands.Reader.ReadAsync().AsTask().WaitAsync(Eventually.Patience);
    }
}
