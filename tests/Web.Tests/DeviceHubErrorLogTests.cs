using System.Diagnostics;
using EdgeControl.Protocol;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests;

/// <summary>What a device that sends malformed hub calls costs the log: warnings without stack traces, a bounded number of them.</summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed class DeviceHubErrorLogTests(RealSocketAppFixture fixture)
{
    private const int Rounds = 25;

    [Fact]
    public async Task A_storm_of_malformed_hub_calls_is_logged_as_a_few_warnings_without_stack_traces_and_no_error()
    {
        using var http = fixture.CreateClient();
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(http);
        var mark = fixture.Logs.Mark();
        var storm = Stopwatch.StartNew();
        await using (var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Address, DeviceHubContract.Path), options => options.Headers[DeviceHubContract.ApiKeyHeader] = apiKey)
            .Build())
        {
            await hub.StartAsync();
            for (var i = 0; i < Rounds; i++)
            {
                // Refused by the hub's own checks (HubException), by argument binding, and as an unknown method.
                await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(DeviceHubContract.SubmitRequest, (object?)null));
                await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(DeviceHubContract.ReportOutcomes, "not a list"));
                await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(DeviceHubContract.SubmitRequest, 1, 2, 3));
                await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("NoSuchMethod"));
            }

            // The connection survived the storm.
            await hub.InvokeAsync(DeviceHubContract.Heartbeat);
        }

        storm.Stop();
        // At most one line per connection and interval while it is open, and one closing count of those not logged.
        var allowed = 1 + (int)(storm.Elapsed / HubErrorLog.Interval) + 1;
        var entries = await Eventually.ReachesAsync(
            () => fixture.Logs.Since(mark).Where(e => e.Category == typeof(HubErrorLog).FullName).ToList(),
            logged => logged.Any(e => e.Message.Contains("not logged", StringComparison.Ordinal)));
        var all = fixture.Logs.Since(mark);
        Assert.True(!all.Any(e => e.Level >= LogLevel.Error), Describe(all));
        Assert.InRange(entries.Count, 2, allowed);
        Assert.All(entries, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.All(entries, e => Assert.Null(e.Exception));
        Assert.Contains(entries, e => e.Message.Contains(DeviceHubContract.SubmitRequest, StringComparison.Ordinal));
    }

    private static string Describe(IEnumerable<CapturedLog> entries) =>
        string.Join("\n", entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType().Name}"));
}
