using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using EdgeControl.Protocol;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// WebSocket frames to the device hub that are not valid SignalR JSON, sent over a plain <see cref="ClientWebSocket"/>
/// with a valid device key: before, instead of and after the handshake. Each case is one connection; the answer is
/// how the server ended it (or that it was still open when the case gave up waiting).
/// </summary>
internal static class RawFrames
{
    private const string Separator = "\u001e";

    private const string Handshake = "{\"protocol\":\"json\",\"version\":1}" + Separator;

    /// <summary>How long a case waits for the server to answer or close; the server ignores some frames, and that is a fine answer.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(3);

    private static readonly (string Case, bool Handshake, WebSocketMessageType Type, byte[] Frame)[] Cases =
    [
        ("no handshake: plain text", false, WebSocketMessageType.Text, Utf8("hello" + Separator)),
        ("a handshake for an unknown protocol", false, WebSocketMessageType.Text, Utf8("{\"protocol\":\"xml\",\"version\":1}" + Separator)),
        ("a handshake that is not JSON", false, WebSocketMessageType.Text, Utf8("{protocol:json" + Separator)),
        ("a handshake for protocol version 99", false, WebSocketMessageType.Text, Utf8("{\"protocol\":\"json\",\"version\":99}" + Separator)),
        ("a message that is not JSON", true, WebSocketMessageType.Text, Utf8("not json" + Separator)),
        ("an invocation without a target", true, WebSocketMessageType.Text, Utf8("{\"type\":1,\"arguments\":[]}" + Separator)),
        ("an invocation of an empty target", true, WebSocketMessageType.Text, Utf8("{\"type\":1,\"target\":\"\",\"arguments\":[]}" + Separator)),
        ("arguments as an object", true, WebSocketMessageType.Text, Utf8("{\"type\":1,\"target\":\"Heartbeat\",\"arguments\":{}}" + Separator)),
        ("an unknown message type", true, WebSocketMessageType.Text, Utf8("{\"type\":42}" + Separator)),
        ("an invocation id that is an object", true, WebSocketMessageType.Text, Utf8("{\"type\":1,\"invocationId\":{},\"target\":\"Heartbeat\",\"arguments\":[]}" + Separator)),
        ("only record separators", true, WebSocketMessageType.Text, Utf8(Separator + Separator + Separator)),
        ("a stream item for no stream", true, WebSocketMessageType.Text, Utf8("{\"type\":2,\"invocationId\":\"1\",\"item\":1}" + Separator)),
        ("a completion sent by the client", true, WebSocketMessageType.Text, Utf8("{\"type\":3,\"invocationId\":\"x\",\"error\":\"boom\"}" + Separator)),
        ("a binary frame of invalid UTF-8", true, WebSocketMessageType.Binary, [0xFF, 0xFE, 0x00, 0x1E]),
        ("a text frame of invalid UTF-8", true, WebSocketMessageType.Text, [0x7B, 0xFF, 0xC0, 0x7D, 0x1E]),
        ("an invocation without its record separator, then the client closes", true, WebSocketMessageType.Text, Utf8("{\"type\":1,\"target\":\"Heartbeat\",\"arguments\":[]}")),
    ];

    public static int Count => Cases.Length;

    /// <summary>
    /// Every case at once (each waits up to <see cref="Wait"/>, so one after another would take long), each as a device
    /// of its own (<paramref name="apiKeys"/>, one per case), so side by side they stay within a per-device connection limit.
    /// </summary>
    public static async Task<IReadOnlyList<RawFrameAnswer>> SendAllAsync(Uri server, IReadOnlyList<string> apiKeys)
    {
        ArgumentNullException.ThrowIfNull(apiKeys);
        return await Task.WhenAll(Cases.Select((c, i) => SendAsync(server, apiKeys[i], c.Case, c.Handshake, c.Type, c.Frame)));
    }

    private static async Task<RawFrameAnswer> SendAsync(Uri server, string apiKey, string name, bool handshake, WebSocketMessageType type, byte[] frame)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader(DeviceHubContract.ApiKeyHeader, apiKey);
        socket.Options.CollectHttpResponseDetails = true;
        using var patience = new CancellationTokenSource(FuzzLimits.AnswerPatience);
        var url = new UriBuilder(new Uri(server, DeviceHubContract.Path)) { Scheme = "ws" }.Uri;
        try
        {
            await socket.ConnectAsync(url, patience.Token);
        }
        catch (WebSocketException refused)
        {
            return new RawFrameAnswer(name, (int)socket.HttpStatusCode, $"not connected: {refused.Message}");
        }

        var upgrade = (int)socket.HttpStatusCode;
        var heard = new StringBuilder();
        try
        {
            await ExchangeAsync(socket, name, handshake, type, frame, heard, patience.Token);
        }
        catch (WebSocketException dropped)
        {
            heard.Append(CultureInfo.InvariantCulture, $" [dropped: {dropped.Message}]");
        }

        if (socket.CloseStatus is { } status)
        {
            heard.Append(CultureInfo.InvariantCulture, $" [closed: {(int)status} {socket.CloseStatusDescription}]");
        }

        return new RawFrameAnswer(name, upgrade, heard.ToString().Replace(Separator, "<RS>", StringComparison.Ordinal).Trim());
    }

    /// <summary>The handshake if the case wants one, the frame, then what the server sends until it closes or <see cref="Wait"/> is up.</summary>
    private static async Task ExchangeAsync(
        ClientWebSocket socket, string name, bool handshake, WebSocketMessageType type, byte[] frame, StringBuilder heard, CancellationToken patience)
    {
        if (handshake)
        {
            await socket.SendAsync(Utf8(Handshake), WebSocketMessageType.Text, endOfMessage: true, patience);
            heard.Append(await ReceiveAsync(socket, patience));
        }

        await socket.SendAsync(frame, type, endOfMessage: true, patience);
        if (name.EndsWith("the client closes", StringComparison.Ordinal))
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "fuzz", patience);
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(patience);
        wait.CancelAfter(Wait);
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                heard.Append(await ReceiveAsync(socket, wait.Token));
            }
        }
        catch (OperationCanceledException)
        {
            heard.Append(" [still open]");
        }
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var message = new List<byte>();
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, cancellationToken);
            message.AddRange(buffer.AsSpan(0, received.Count));
        }
        while (!received.EndOfMessage);

        return received.MessageType == WebSocketMessageType.Close ? string.Empty : Encoding.UTF8.GetString([.. message]) + " ";
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
