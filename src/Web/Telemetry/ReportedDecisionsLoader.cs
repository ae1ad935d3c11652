using EdgeControl.Data;
using EdgeControl.Web.Database;
using EdgeControl.Web.Resilience;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Telemetry;

/// <summary>
/// At start-up, before the server listens, reads which decisions had their outcome stored within the last
/// <see cref="OutcomeOptions.DecisionWindow"/> into <see cref="ReportedDecisions"/>: one range scan of the
/// received_at index, as many rows as the window holds (what the process would hold in memory had it not restarted).
/// </summary>
internal sealed partial class ReportedDecisionsLoader(
    IServiceScopeFactory scopes,
    DatabaseRetry retry,
    ReportedDecisions reported,
    IOptions<OutcomeOptions> options,
    TimeProvider clock,
    ILogger<ReportedDecisionsLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(DatabaseMigrator.StartupWait);
        try
        {
            var loaded = await retry.ExecuteAsync("reported decisions", LoadAsync, wait.Token);
            LogLoaded(logger, loaded, options.Value.DecisionWindow.TotalMinutes);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The database did not answer within {DatabaseMigrator.StartupWait.TotalSeconds:0} s of start-up, so the decisions reported already could not be read.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async ValueTask<int> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var since = clock.GetUtcNow() - options.Value.DecisionWindow;
        var loaded = 0;
        await foreach (var row in db.DecisionLog.AsNoTracking()
            .Where(d => d.ReceivedAt >= since)
            .Select(d => new { d.NodeId, d.RequestId, d.Sequence, d.ReceivedAt })
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken))
        {
            reported.Remember(row.NodeId, row.RequestId, row.Sequence, row.ReceivedAt);
            loaded++;
        }

        return loaded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Count} decisions whose outcome was stored in the last {Minutes} minutes: a second report of them is refused")]
    private static partial void LogLoaded(ILogger logger, int count, double minutes);
}
