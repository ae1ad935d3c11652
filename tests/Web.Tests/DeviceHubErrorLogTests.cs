using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using EdgeControl.Protocol;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests;

/// <summary>What a device that sends malformed hub calls costs the log: warnings without stack traces, a bounded number of them.</summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed partial class DeviceHubErrorLogTests(RealSocketAppFixture fixture)
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
        // Every refusal is accounted for: logged, or counted in a later line (the one when the connection closes).
        // Binding failures and unknown methods never reach the hub: SignalR refuses them itself and logs them at Debug.
        var entries = await Eventually.ReachesAsync(
            () => fixture.Logs.Since(mark).Where(e => e.Category == typeof(HubErrorLog).FullName).ToList(),
            logged => Accounted(logged) == Rounds);
        var all = fixture.Logs.Since(mark);
        Assert.True(!all.Any(e => e.Level >= LogLevel.Error), Describe(all));
        Assert.All(entries, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.All(entries, e => Assert.Null(e.Exception));
        // At most one line per interval while the connection is open, and one when it closes.
        Assert.InRange(entries.Count, 1, 2 + (int)(storm.Elapsed / HubErrorLog.Interval));
        Assert.Contains(DeviceHubContract.SubmitRequest, entries[0].Message, StringComparison.Ordinal);
    }

    /// <summary>Refusals a log accounts for: each refusal line, and the count of those not logged that each line gives.</summary>
    private static int Accounted(IReadOnlyList<CapturedLog> entries) =>
        entries.Count(e => !e.Message.Contains(" closed with ", StringComparison.Ordinal))
        + entries.Select(e => NotLogged().Match(e.Message)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(\d+) (?:earlier )?refusals not logged")]
    private static partial Regex NotLogged();

    private static string Describe(IEnumerable<CapturedLog> entries) =>
        string.Join("\n", entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType().Name}"));
}
