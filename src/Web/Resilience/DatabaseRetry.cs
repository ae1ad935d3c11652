using Npgsql;
using Polly;
using Polly.Retry;

namespace EdgeControl.Web.Resilience;

/// <summary>
/// The one retry policy of every background writer (outcome batcher, heartbeat monitor, training writes, retention):
/// retry whatever fails for the database's sake, forever, with jittered exponential backoff capped at
/// <see cref="MaxDelay"/>, reporting to <see cref="DatabaseAvailability"/> so an outage is logged once. A row the
/// database refuses for its content is not retried (see <see cref="DatabaseErrors.IsRowRejected"/>): the caller
/// isolates it. Cancellation ends the retries.
/// </summary>
/// <remarks>
/// Polly.Core alone rather than Microsoft.Extensions.Resilience/Polly.Extensions: their telemetry logs every retry
/// as a warning, which is what this class exists to avoid (one line per state change). No circuit breaker: each
/// writer is one loop that already waits between attempts, so there is no stream of callers to shed.
/// </remarks>
internal sealed class DatabaseRetry
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Short enough that what waited is written within a few seconds of the database returning; one attempt per writer per 2 s is nothing to a database.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    private static readonly ResiliencePropertyKey<string> WriterKey = new("edgecontrol.writer");

    private readonly DatabaseAvailability _availability;
    private readonly ResiliencePipeline _pipeline;

    public DatabaseRetry(DatabaseAvailability availability, TimeProvider clock)
    {
        _availability = availability;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(error => error is not OperationCanceledException && !DatabaseErrors.IsRowRejected(error)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstDelay,
                MaxDelay = MaxDelay,
                OnRetry = arguments =>
                {
                    if (arguments.AttemptNumber == 0)
                    {
                        // Idle pooled connections to a database that went away are dead too: drop them now rather than
                        // have the first attempts after it returns fail on them one by one.
                        NpgsqlConnection.ClearAllPools();
                    }

                    _availability.ReportFailure(Writer(arguments.Context), arguments.Outcome.Exception!);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="write"/> until it succeeds, fails for a row's content, or is cancelled.</summary>
    /// <param name="writer">Who writes, for the log line that opens an outage.</param>
    public async Task<T> ExecuteAsync<T>(string writer, Func<CancellationToken, ValueTask<T>> write, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(WriterKey, writer);
        try
        {
            var result = await _pipeline.ExecuteAsync(static (context, write) => write(context.CancellationToken), context, write);
            _availability.ReportSuccess();
            return result;
        }
        catch (Exception error) when (DatabaseErrors.IsRowRejected(error))
        {
            // The database answered (it judged the row): it is available.
            _availability.ReportSuccess();
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public Task ExecuteAsync(string writer, Func<CancellationToken, ValueTask> write, CancellationToken cancellationToken) =>
        ExecuteAsync(writer, async token =>
        {
            await write(token);
            return true;
        }, cancellationToken);

    private static string Writer(ResilienceContext context) =>
        context.Properties.TryGetValue(WriterKey, out var writer) ? writer : "writer";
}
