using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests;

/// <summary>
/// A body that stalls or ends early is the client's or the network's fault: 408 or 400 problem details, never a 500
/// with an unhandled-exception log. Driven over a raw socket, as a flaky device link would do it.
/// </summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed class RequestBodyFaultTests(RealSocketAppFixture fixture)
{
    private readonly int _logMark = fixture.Logs.Mark();

    /// <summary>How long a socket read waits for the server's answer.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Kestrel takes the client's FIN as the end of the connection (it keeps no half-open ones), so no answer can
    /// reach this client. The server's verdict is the exception handler's "aborted by the client" (499) when the
    /// abort is seen first, or this app's 400 refusal when the read fails first; never a 500 or an error entry.
    /// </summary>
    [Theory]
    [InlineData("/api/v1/accounts/sign-in", "")]
    [InlineData("/api/v1/devices", "X-Registration-Token: " + DeviceRegistration.Token + "\r\n")]
    public async Task A_body_cut_off_before_its_Content_Length_is_an_abort_or_a_400_never_a_500(string path, string headers)
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, Head(path, contentLength: 100, headers) + """{ "name": "adm""");

        // The client closes its side half-way through the body, as a device losing its link does.
        socket.Shutdown(SocketShutdown.Send);
        var answer = await RawSocket.ReadUntilClosedAsync(socket, Patience);

        Assert.DoesNotContain(" 500 ", answer, StringComparison.Ordinal);
        var verdict = await LoggedAsync(e =>
            (e.Category.EndsWith("RequestBodyFaultHandler", StringComparison.Ordinal) && e.Message.Contains(path, StringComparison.Ordinal))
            || (e.Category.EndsWith("ExceptionHandlerMiddleware", StringComparison.Ordinal) && e.Message.Contains("aborted by the client", StringComparison.Ordinal)));
        Assert.True(
            verdict.Message is "The request was aborted by the client." || verdict.Message == $"POST {path} refused with 400: Unexpected end of request content.",
            verdict.Message);
        AssertNoErrorLogged();
    }

    [Fact]
    public async Task A_chunked_body_with_a_bad_chunk_size_is_400_problem_details()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, "POST /api/v1/accounts/sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n");

        var (status, contentType, body) = await ReadResponseAsync(socket);

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
        AssertNoErrorLogged();
    }

    [Fact]
    public async Task A_body_that_stalls_is_408_problem_details_once_Kestrels_minimum_data_rate_is_missed()
    {
        using var socket = await ConnectAsync();
        var clock = Stopwatch.StartNew();
        await SendAsync(socket, Head("/api/v1/accounts/sign-in", contentLength: 100) + """{ "userName": "adm""");

        // Nothing more is sent, and the socket stays open.
        var (status, contentType, body) = await ReadResponseAsync(socket);

        Assert.Equal(408, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(408, body.GetProperty("status").GetInt32());
        Assert.Contains("MinRequestBodyDataRate", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed >= RealSocketAppFixture.BodyGracePeriod, $"answered after {clock.Elapsed}, inside the grace period");
        AssertNoErrorLogged();
    }

    private void AssertNoErrorLogged() =>
        Assert.DoesNotContain(fixture.Logs.Since(_logMark), e => e.Level >= LogLevel.Error);

    private static string Head(string path, int contentLength, string headers = "") =>
        $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\n{headers}\r\n";

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(fixture.Address.Host, fixture.Address.Port);
        return socket;
    }

    private static async Task SendAsync(Socket socket, string text) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None);

    private async Task<CapturedLog> LoggedAsync(Func<CapturedLog, bool> match) =>
        (await Eventually.ReachesAsync(() => fixture.Logs.Since(_logMark).FirstOrDefault(match), entry => entry is not null))!;

    /// <summary>The response the server sends before closing: status, content type and JSON body.</summary>
    private static async Task<(int Status, string? ContentType, JsonElement Body)> ReadResponseAsync(Socket socket)
    {
        var text = await RawSocket.ReadUntilClosedAsync(socket, Patience);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"no complete response: {text}");
        var head = text[..split].Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var contentType = head.Skip(1)
            .Select(h => h.Split(':', 2))
            .Where(h => h[0].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .Select(h => h[1].Trim().Split(';')[0])
            .FirstOrDefault();
        var body = text[(split + 4)..];
        if (head.Any(h => h.StartsWith("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Unchunk(body);
        }

        return (status, contentType, JsonDocument.Parse(body.Length == 0 ? "{}" : body).RootElement.Clone());
    }

    private static string Unchunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
