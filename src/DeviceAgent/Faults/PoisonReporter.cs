using System.Globalization;
using EdgeControl.Core.Domain;
using EdgeControl.DeviceAgent.Hub;
using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Faults;

/// <summary>
/// For fault tests (<c>--poison-every</c>): besides the real outcomes, one outcome per interval whose request id holds
/// U+0000, which PostgreSQL cannot store in text, and no ticket (it answers no decision). It goes through the outbox
/// like any other, so the server's path for an outcome it refuses (Reject, then an Acknowledge that covers it) is
/// exercised end to end. Counted as poisonSent, never as measured.
/// </summary>
internal sealed class PoisonReporter(DeviceHubClient hub, Scenario scenario, TimeSpan every, TextWriter log)
{
    public async Task RunAsync(CancellationToken stop)
    {
        var user = scenario.Users[0].Name;
        var variant = scenario.Catalog[0].Name;
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var n = hub.Outcomes.Counters.PoisonSent + 1;
                try
                {
                    hub.Report(
                        new MeasuredOutcome(0, string.Create(CultureInfo.InvariantCulture, $"poison\u0000{n}"), user, 0, TierNames.Of(Tier.Device), variant, 1, 0.001, 0.5, DateTimeOffset.UtcNow, Ticket: null),
                        poison: true);
                }
                catch (Exception error) when (error is Microsoft.Data.Sqlite.SqliteException or IOException)
                {
                    log.WriteLine($"cannot keep a poison outcome in the outbox: {error.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
