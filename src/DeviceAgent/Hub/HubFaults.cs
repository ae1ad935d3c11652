using System.Net;
using System.Net.WebSockets;

namespace EdgeControl.DeviceAgent.Hub;

/// <summary>How the agent tells a refused key (fatal: retrying cannot help) from every other hub fault (kept, retried).</summary>
internal static class HubFaults
{
    /// <summary>A 401 at the WebSocket upgrade: the key is wrong or revoked.</summary>
    public static bool IsUnauthorized(Exception error) => error switch
    {
        HttpRequestException { StatusCode: HttpStatusCode.Unauthorized } => true,
        WebSocketException { InnerException: HttpRequestException { StatusCode: HttpStatusCode.Unauthorized } } => true,
        // .NET words a refused upgrade as "The server returned status code '401' when status code '101' was expected."
        WebSocketException webSocket => webSocket.Message.Contains("'401'", StringComparison.Ordinal),
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnauthorized),
        _ => false,
    };

    /// <summary>
    /// The connection went away under a call: "not active" before it, IO/WebSocket errors during it, or the client
    /// cancelling the pending invocation when the connection closed (a TaskCanceledException while our own stop
    /// token is not cancelled: the fault seen in the PostgreSQL outage).
    /// </summary>
    public static bool IsDisconnect(Exception error) =>
        error is InvalidOperationException or IOException or WebSocketException or OperationCanceledException or HttpRequestException;

    /// <summary>The first line of <paramref name="error"/>'s message, for one-line logs.</summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message.Split('\n', 2)[0].Trim();
        return $"{error.GetType().Name}: {message}";
    }
}
