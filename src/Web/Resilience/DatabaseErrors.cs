using Npgsql;

namespace EdgeControl.Web.Resilience;

/// <summary>
/// Tells a row the database refuses for its content (retrying the same row can never succeed) from a database that
/// is away or busy (retrying later will).
/// </summary>
internal static class DatabaseErrors
{
    /// <summary>
    /// SQLSTATE classes 22 (data exception: e.g. 22021, a NUL byte in text), 23 (integrity constraint) and 54
    /// (program limit exceeded: e.g. an index row too large). Every other class (08 connection, 53 resources,
    /// 57 operator intervention such as a shutdown) is about the server, not the row.
    /// </summary>
    public static bool IsRowRejected(Exception error) =>
        Find(error) is { SqlState: var state } && (state.StartsWith("22", StringComparison.Ordinal)
            || state.StartsWith("23", StringComparison.Ordinal)
            || state.StartsWith("54", StringComparison.Ordinal));

    /// <summary>
    /// The database could not be reached or answered "not now" (connection failures, timeouts, SQLSTATE 08, 53, 57):
    /// anything from Npgsql or the socket under it that is not about the row.
    /// </summary>
    public static bool IsUnavailable(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return !IsRowRejected(postgres) && postgres.SqlState[..2] is "08" or "53" or "57";
            }

            if (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The database's own words for why it refused a row.</summary>
    public static string Reason(Exception error) =>
        Find(error) is { } postgres ? $"{postgres.SqlState}: {postgres.MessageText}" : error.Message;

    private static PostgresException? Find(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}
