using EdgeControl.DeviceAgent.Hub;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>
/// The hub client keeps its connection up by itself, without a real server: against a port where nothing listens,
/// a stub that drops every connection, and a stub that refuses the key. (Reconnecting to a real hub, re-sending and
/// Reject are covered by the web tests, which run the server.)
/// </summary>
public sealed class ConnectionSupervisionTests
{
    private static readonly DeviceHubClientOptions Quick = new()
    {
        FirstRetryDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        ConnectTimeout = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public async Task An_agent_keeps_trying_while_the_server_is_down_says_so_once_and_stops_only_when_its_key_is_refused()
    {
        var port = StubHttpServer.FreePort();
        var log = new StringWriter();
        await using var hub = new DeviceHubClient(new Uri($"http://127.0.0.1:{port}"), "ec_revoked", _ => Task.CompletedTask, Quick, TextWriter.Synchronized(log));
        hub.Report(Outcome("measured-while-down"));

        using (var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(1.5)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hub.StartAsync(waiting.Token));
        }

        Assert.False(hub.KeyRefused.IsCompleted);
        Assert.Single(Lines(log), l => l.StartsWith("cannot reach", StringComparison.Ordinal));
        Assert.Equal(1, hub.Outcomes.Count);

        // The server comes up, but the key has been revoked meanwhile: the one fault that ends the agent.
        using var refusing = new StubHttpServer(port, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var refused = await Assert.ThrowsAsync<DeviceAgentException>(() => hub.KeyRefused.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("refused the API key", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, hub.Outcomes.Count);
    }

    [Fact]
    public async Task A_server_that_drops_every_connection_is_retried_again_and_again_without_the_agent_failing()
    {
        using var dropping = new StubHttpServer(StubHttpServer.FreePort(), response: null);
        var log = new StringWriter();
        await using var hub = new DeviceHubClient(new Uri($"http://127.0.0.1:{dropping.Port}"), "k", _ => Task.CompletedTask, Quick, TextWriter.Synchronized(log));

        using (var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hub.StartAsync(waiting.Token));
        }

        Assert.True(dropping.Connections >= 3, $"only {dropping.Connections} connection attempts");
        Assert.False(hub.KeyRefused.IsCompleted);
        Assert.NotEqual(HubConnectionState.Connected, hub.State);
        Assert.InRange(Lines(log).Count(l => l.StartsWith("cannot reach", StringComparison.Ordinal)), 1, 2);
    }

    [Fact]
    public async Task Calls_on_a_connection_that_is_not_up_fail_as_exceptions_the_callers_handle_never_as_a_crash()
    {
        await using var hub = new DeviceHubClient(new Uri($"http://127.0.0.1:{StubHttpServer.FreePort()}"), "k", _ => Task.CompletedTask, Quick);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => hub.SubmitAsync(new RequestContext("r", "camera-1", 20, 5, 40, 0, "regular"), CancellationToken.None));

        Assert.True(HubFaults.IsDisconnect(error), error.GetType().Name);
    }

    private static string[] Lines(StringWriter log) => log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static MeasuredOutcome Outcome(string requestId) =>
        new(0, requestId, "camera-1", 3, "edge-1", "mobilenet_v1_0.5_160", 20, 0.1, 0.6, DateTimeOffset.UtcNow, "AAABlNWJ0pAQ8n1cUZ3eYTq9k2fW6xLp");
}
