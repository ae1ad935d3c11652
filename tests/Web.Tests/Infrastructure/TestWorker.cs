using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// A worker as the control plane sees one: registered over REST, then a real SignalR connection to the worker hub with
/// its API key, heartbeating with a load (once, or every 100 ms until stopped) and reporting a profile.
/// </summary>
internal sealed class TestWorker : IAsyncDisposable
{
    private CancellationTokenSource? _beating;
    private Task _beats = Task.CompletedTask;

    private TestWorker(RegisteredWorker registered, HubConnection connection)
    {
        Registered = registered;
        Connection = connection;
    }

    public RegisteredWorker Registered { get; }

    public HubConnection Connection { get; }

    /// <summary>Registers a worker with the registration token: the answer (it must be 201).</summary>
    public static async Task<RegisteredWorker> RegisterAsync(Uri server, string name, string tier, string url = "http://127.0.0.1:5999")
    {
        using var http = new HttpClient { BaseAddress = server };
        using var response = await RegisterRawAsync(http, JsonSerializer.Serialize(new { name, tier, url }));
        Assert.True(response.IsSuccessStatusCode, $"registering worker {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<RegisteredWorker>())!;
    }

    public static async Task<HttpResponseMessage> RegisterRawAsync(HttpClient client, string body, string? token = DeviceRegistration.Token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(WorkerContract.RegistrationPath, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Add("X-Registration-Token", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A connection to the worker hub with <paramref name="apiKey"/> (not started).</summary>
    /// <param name="messagePack">Speak MessagePack, which (unlike JSON) can carry NaN and infinities.</param>
    public static HubConnection Hub(Uri server, string apiKey, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server, WorkerContract.HubPath), options => options.Headers[DeviceHubContract.ApiKeyHeader] = apiKey);
        return (messagePack ? builder.AddMessagePackProtocol() : builder).Build();
    }

    public static async Task<TestWorker> ConnectAsync(Uri server, RegisteredWorker registered, bool messagePack = false)
    {
        ArgumentNullException.ThrowIfNull(registered);
        var connection = Hub(server, registered.ApiKey, messagePack);
        await connection.StartAsync();
        return new TestWorker(registered, connection);
    }

    public Task HeartbeatAsync(WorkerLoad load) => Connection.InvokeAsync(WorkerContract.Heartbeat, load);

    public Task ReportProfileAsync(WorkerProfile profile) => Connection.InvokeAsync(WorkerContract.ReportProfile, profile);

    /// <summary>Heartbeats with <paramref name="load"/> now and every 100 ms (well inside the fixture's 1.2 s) until <see cref="StopBeatingAsync"/>.</summary>
    public async Task KeepBeatingAsync(WorkerLoad load)
    {
        await StopBeatingAsync();
        await HeartbeatAsync(load);
        var beating = _beating = new CancellationTokenSource();
        _beats = Task.Run(async () =>
        {
            while (!beating.IsCancellationRequested)
            {
                await Task.Delay(100, CancellationToken.None);
                await Connection.SendAsync(WorkerContract.Heartbeat, load, CancellationToken.None);
            }
        });
    }

    public async Task StopBeatingAsync()
    {
        if (_beating is { } beating)
        {
            await beating.CancelAsync();
            await _beats;
            beating.Dispose();
            _beating = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopBeatingAsync();
        await Connection.DisposeAsync();
    }
}
