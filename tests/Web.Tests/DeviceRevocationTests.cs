using System.Diagnostics;
using System.Net;
using EdgeControl.Protocol;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>Revoking a device's key stops the device at once, on the hub as on REST.</summary>
public sealed class DeviceRevocationTests(HubAppFixture fixture) : IClassFixture<HubAppFixture>
{
    private static readonly TimeSpan Immediately = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Revoked_device_connection_is_closed_within_a_second_and_what_it_reports_after_is_not_stored()
    {
        using var admin = new HttpClient { BaseAddress = fixture.Address };
        var (revokedId, revokedKey) = await DeviceRegistration.RegisterDeviceAsync(admin);
        var (witnessId, witnessKey) = await DeviceRegistration.RegisterDeviceAsync(admin);
        await SignIn.AsAdminAsync(admin);
        await using var device = await TestDevice.ConnectAsync(fixture.Address, revokedKey);
        await using var witness = await TestDevice.ConnectAsync(fixture.Address, witnessKey);
        var decided = await device.DecideAsync("r-revoked");

        using var revoked = await DashboardRequest.SendAsync(admin, HttpMethod.Delete, $"/api/v1/devices/{revokedId}");
        var revokedAt = Stopwatch.GetTimestamp();
        // The device has not noticed yet: it reports the outcome of the decision it got before.
        var late = await Record.ExceptionAsync(() => device.Connection.SendAsync(DeviceHubContract.ReportOutcomes, new[] { RawHubDevice.Outcome(1, decided) }));

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var closedAt = await device.Closed.WaitAsync(Eventually.Patience);
        Assert.True(Stopwatch.GetElapsedTime(revokedAt, closedAt) <= Immediately, $"closed {Stopwatch.GetElapsedTime(revokedAt, closedAt).TotalMilliseconds} ms after the revocation was answered");
        Assert.True(late is null or InvalidOperationException, $"sending after the revocation failed with {late}");
        // It cannot come back.
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => TestDevice.ConnectAsync(fixture.Address, revokedKey));

        // Outcomes are stored in order of arrival: once the witness's is, the revoked device's would be too.
        var witnessed = await witness.DecideAsync("r-witness");
        await witness.Connection.InvokeAsync(DeviceHubContract.ReportOutcomes, new[] { RawHubDevice.Outcome(1, witnessed) });
        await Eventually.HoldsAsync(() => QueryAsync(db => db.DecisionLog.AnyAsync(d => d.NodeId == witnessId)));
        Assert.False(await QueryAsync(db => db.DecisionLog.AnyAsync(d => d.NodeId == revokedId)));
        Assert.Empty(await fixture.ReplayableRowsAsync(revokedId));
    }

    private Task<T> QueryAsync<T>(Func<EdgeControl.Data.EdgeControlDbContext, Task<T>> query) => Eventually.QueryAsync(fixture.App, query);

    /// <summary>A device on a plain SignalR connection: its decisions, and when its connection closed.</summary>
    private sealed class TestDevice : IAsyncDisposable
    {
        private readonly System.Threading.Channels.Channel<ExecuteCommand> _commands = System.Threading.Channels.Channel.CreateUnbounded<ExecuteCommand>();
        private readonly TaskCompletionSource<long> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private TestDevice(HubConnection connection)
        {
            Connection = connection;
            connection.On<ExecuteCommand>(nameof(IDeviceClient.Execute), command => _commands.Writer.TryWrite(command));
            connection.Closed += _ =>
            {
                _closed.TrySetResult(Stopwatch.GetTimestamp());
                return Task.CompletedTask;
            };
        }

        public HubConnection Connection { get; }

        /// <summary>The <see cref="Stopwatch"/> timestamp at which the connection closed.</summary>
        public Task<long> Closed => _closed.Task;

        public static async Task<TestDevice> ConnectAsync(Uri server, string apiKey)
        {
            var device = new TestDevice(new HubConnectionBuilder()
                .WithUrl(new Uri(server, DeviceHubContract.Path), options => options.Headers[DeviceHubContract.ApiKeyHeader] = apiKey)
                .Build());
            try
            {
                await device.Connection.StartAsync();
                return device;
            }
            catch
            {
                await device.DisposeAsync();
                throw;
            }
        }

        public async Task<ExecuteCommand> DecideAsync(string requestId)
        {
            await Connection.InvokeAsync(DeviceHubContract.SubmitRequest, new RequestContext(requestId, "camera-1", 20, 5, 40, 0, "regular"));
            return await _commands.Reader.ReadAsync().AsTask().WaitAsync(Eventually.Patience);
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
