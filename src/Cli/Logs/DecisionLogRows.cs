using System.Globalization;
using System.Runtime.CompilerServices;
using EdgeControl.Cli.Terminal;
using EdgeControl.Core.Logging;
using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Cli.Logs;

/// <summary>
/// The one way <c>edgecontrol</c> reads the control plane's decision log: the rows observed in a window, oldest first,
/// as <see cref="LoggedDecision"/>s. One query whose rows Npgsql streams as they are read, so a long log is never held
/// twice (the caller decides what it keeps).
/// </summary>
internal static class DecisionLogRows
{
    /// <summary>Rows observed at or after <paramref name="since"/> (null: from the first) and before <paramref name="until"/> (null: to the last).</summary>
    /// <exception cref="DecisionLogException">The database cannot be reached or read; the message names --connection.</exception>
    public static async IAsyncEnumerable<LoggedDecision> ReadAsync(string connectionString, DateTimeOffset? since, DateTimeOffset? until,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = DecisionLogDatabase.Open(connectionString);
        var rows = db.DecisionLog.AsNoTracking();
        if (since is { } from)
        {
            var utc = from.ToUniversalTime();
            rows = rows.Where(d => d.ObservedAt >= utc);
        }

        if (until is { } to)
        {
            var utc = to.ToUniversalTime();
            rows = rows.Where(d => d.ObservedAt < utc);
        }

        var stream = rows
            .OrderBy(d => d.ObservedAt).ThenBy(d => d.Id)
            .Select(d => new LoggedDecision(
                d.UserName, d.Target, d.Variant, d.LatencyMs, d.EnergyJ, d.Accuracy, d.Reward, d.ObservedAt,
                d.Action, d.ActionProbability, d.ServedBy, d.UplinkMbps, d.RttEdgeMs, d.RttCloudMs, d.LocalLoad, d.NetworkCondition, d.ServerLoads))
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken)
            .ConfigureAwait(false);
        await using var rowsRead = stream.GetAsyncEnumerator();
        while (true)
        {
            LoggedDecision row;
            try
            {
                if (!await rowsRead.MoveNextAsync())
                {
                    yield break;
                }

                row = rowsRead.Current;
            }
            catch (Exception error) when (DecisionLogDatabase.Describe(error, connectionString) is { } problem)
            {
                throw new DecisionLogException(problem, error);
            }

            yield return row;
        }
    }

    /// <summary>Every row of the window, oldest first; <paramref name="read"/> hears the count every 10,000 rows.</summary>
    public static async Task<List<LoggedDecision>> ReadAllAsync(string connectionString, DateTimeOffset? since, DateTimeOffset? until,
        Action<int>? read, CancellationToken cancellationToken)
    {
        var rows = new List<LoggedDecision>();
        await foreach (var row in ReadAsync(connectionString, since, until, cancellationToken))
        {
            rows.Add(row);
            if (rows.Count % 10_000 == 0)
            {
                read?.Invoke(rows.Count);
            }
        }

        return rows;
    }

    /// <summary>Every row of the window for a command that needs some, saying on <paramref name="progress"/> how many it has read.</summary>
    /// <exception cref="DecisionLogException">The window has no rows (the message names --since / --until), or the database failed.</exception>
    public static List<LoggedDecision> ReadSome(string connectionString, DateTimeOffset? since, DateTimeOffset? until, ProgressDisplay progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        progress.Running("reading the decision log");
        var rows = ReadAllAsync(connectionString, since, until, n => progress.Running(string.Create(CultureInfo.InvariantCulture, $"reading the decision log: {n:N0} rows")), CancellationToken.None)
            .GetAwaiter().GetResult();
        return rows.Count > 0 ? rows : throw new DecisionLogException(EmptyWindow(since, until));
    }

    /// <summary>The sentence for an empty window, naming the options that set it.</summary>
    private static string EmptyWindow(DateTimeOffset? since, DateTimeOffset? until) => (since, until) switch
    {
        (null, null) => "the decision log has no rows at all (option --connection: is it the control plane's database?)",
        ({ } s, null) => $"the decision log has no rows observed at or after {s:O} (option --since)",
        (null, { } u) => $"the decision log has no rows observed before {u:O} (option --until)",
        ({ } s, { } u) => $"the decision log has no rows observed from {s:O} to {u:O} (options --since and --until)",
    };
}
