using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using EdgeControl.Protocol;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests;

/// <summary>One device key holds at most DeviceHub:MaxConnectionsPerDevice (4) hub connections.</summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed class DeviceConnectionLimitTests(RealSocketAppFixture fixture)
{
    private const int Limit = 4;

    [Fact]
    public async Task The_fifth_connection_with_one_key_is_refused_429_before_the_upgrade_logged_once_and_admitted_when_one_closes()
    {
        using var http = fixture.CreateClient();
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(http);
        var open = new List<HubConnection>();
        try
        {
            for (var i = 0; i < Limit; i++)
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(fixture.Address, DeviceHubContract.Path), options => options.Headers[DeviceHubContract.ApiKeyHeader] = apiKey)
                    .Build();
                open.Add(connection);
                await connection.StartAsync();
            }

            var mark = fixture.Logs.Mark();
            var fifth = await HandshakeAsync(apiKey);
            var sixth = await HandshakeAsync(apiKey);

            Assert.Equal((HttpStatusCode.TooManyRequests, "application/problem+json"), fifth);
            Assert.Equal((HttpStatusCode.TooManyRequests, "application/problem+json"), sixth);
            var warning = Assert.Single(fixture.Logs.Since(mark), e => e.Category == typeof(DeviceConnectionLimit).FullName);
            Assert.Equal(LogLevel.Warning, warning.Level);
            Assert.Contains("DeviceHub:MaxConnectionsPerDevice", warning.Message, StringComparison.Ordinal);

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            await Eventually.ReachesAsync(() => HandshakeAsync(apiKey), answer => answer.Status == HttpStatusCode.SwitchingProtocols);
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Another_device_is_not_limited_by_the_first_ones_connections()
    {
        using var http = fixture.CreateClient();
        var (_, busy) = await DeviceRegistration.RegisterDeviceAsync(http);
        var (_, other) = await DeviceRegistration.RegisterDeviceAsync(http);
        var open = new List<HubConnection>();
        try
        {
            for (var i = 0; i < Limit; i++)
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(fixture.Address, DeviceHubContract.Path), options => options.Headers[DeviceHubContract.ApiKeyHeader] = busy)
                    .Build();
                open.Add(connection);
                await connection.StartAsync();
            }

            Assert.Equal(HttpStatusCode.SwitchingProtocols, (await HandshakeAsync(other)).Status);
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_limit_below_one_stops_start_up_naming_the_setting()
    {
        await using var app = new EdgeControlAppFactory(
            "Host=127.0.0.1;Port=1;Database=unused",
            settings: new Dictionary<string, string?> { ["DeviceHub:MaxConnectionsPerDevice"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("DeviceHub:MaxConnectionsPerDevice must be between 1 and 1000", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The status and content type the hub answers a WebSocket upgrade request with (the connection is closed again at
    /// once). A plain HTTP request: ClientWebSocket shows no content headers of a refusal.
    /// </summary>
    private async Task<(HttpStatusCode Status, string? ContentType)> HandshakeAsync(string apiKey)
    {
        using var client = new HttpClient { BaseAddress = fixture.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(DeviceHubContract.Path, UriKind.Relative)) { Version = HttpVersion.Version11 };
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        request.Headers.Add(DeviceHubContract.ApiKeyHeader, apiKey);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType);
    }
}
