using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeControl.Protocol;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// Malformed invocations on the device hub through the real SignalR client with a device key, one after another on
/// one connection (a new one whenever the server closed the last), then raw WebSocket frames that are not SignalR
/// JSON, then a fresh connection of the same device that must still get a decision and have its outcome stored.
/// </summary>
internal sealed partial class HubStorm(RealSocketAppFixture fixture)
{
    private readonly List<int> _refusedConnects = [];
    private readonly List<string> _connectFailures = [];

    /// <summary>The sequence of the fresh connection's outcome: above every one the storm's examples use.</summary>
    private const int FreshSequence = 990_002;

    /// <summary>How the client fails a pending call when the server closes the connection with an error (a close message).</summary>
    private const string ServerClosed = "The server closed the connection";

    public async Task<HubStormReport> RunAsync()
    {
        var hub = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .First(e => e.RoutePattern.RawText == DeviceHubContract.Path && e.Metadata.GetMetadata<HubMetadata>() is not null)
            .Metadata.GetMetadata<HubMetadata>()!.HubType;
        var methods = HubInvocations.MethodsOf(hub);
        var plan = HubInvocations.Plan(methods, FuzzLimits.InvocationsPerHubMethod);
        using var http = fixture.CreateClient();
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(http);
        var frameKeys = new List<string>();
        for (var i = 0; i < RawFrames.Count; i++)
        {
            frameKeys.Add((await DeviceRegistration.RegisterDeviceAsync(http)).ApiKey);
        }

        var mark = fixture.Logs.Mark();
        var clock = Stopwatch.StartNew();
        var calls = new List<HubCall>();
        var connections = 0;
        HubConnection? connection = null;
        try
        {
            foreach (var invocation in plan)
            {
                if (connection is not { State: HubConnectionState.Connected })
                {
                    await DisposeAsync(connection);
                    connection = await ConnectAsync(apiKey);
                    connections++;
                    if (connection is null)
                    {
                        calls.Add(new HubCall(invocation, HubCall.NoAnswer, $"not sent: {_connectFailures[^1]}"));
                        continue;
                    }
                }

                calls.Add(await InvokeAsync(connection, invocation));
            }
        }
        finally
        {
            await DisposeAsync(connection);
        }

        var frames = await RawFrames.SendAllAsync(fixture.Address, frameKeys);
        clock.Stop();
        var errors = fixture.Logs.Since(mark).Where(e => e.Level >= LogLevel.Error).ToList();
        var fresh = await FreshConnectionAsync(apiKey, methods);
        return new HubStormReport(methods.Select(m => m.Name).ToList(), calls, frames, connections, _refusedConnects, _connectFailures, errors, fresh, clock.Elapsed);
    }

    private static async Task<HubCall> InvokeAsync(HubConnection connection, HubInvocation invocation)
    {
        using var patience = new CancellationTokenSource(FuzzLimits.AnswerPatience);
        try
        {
            await connection.InvokeCoreAsync(invocation.Method, typeof(object), [.. invocation.Arguments], patience.Token);
            return new HubCall(invocation, HubCall.Completed, string.Empty);
        }
        catch (HubException refused) when (!refused.Message.StartsWith(ServerClosed, StringComparison.Ordinal))
        {
            return new HubCall(invocation, HubCall.Refused, refused.Message);
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            return new HubCall(invocation, HubCall.NoAnswer, $"no answer within {FuzzLimits.AnswerPatience.TotalSeconds} s");
        }
        catch (Exception closed) when (closed is HubException or OperationCanceledException or InvalidOperationException or IOException or WebSocketException)
        {
            // The server closed (or reset) the connection over this message: the client fails the pending call.
            return new HubCall(invocation, HubCall.Closed, $"{closed.GetType().Name}: {closed.Message}");
        }
    }

    /// <summary>
    /// A connection through negotiation (so its HTTP answers are seen too). A 4xx refusal is retried until it connects
    /// (a per-device connection limit: the server frees a closed connection's slot a moment after the client saw it
    /// close); anything else is a failure, recorded, and null.
    /// </summary>
    private async Task<HubConnection?> ConnectAsync(string apiKey)
    {
        var attempt = await Eventually.ReachesAsync(
            () => TryConnectAsync(apiKey), a => a.Connection is not null || a.Status is not (>= 400 and < 500));
        if (attempt.Connection is null)
        {
            _connectFailures.Add(attempt.Failure!);
        }

        return attempt.Connection;
    }

    private async Task<ConnectAttempt> TryConnectAsync(string apiKey)
    {
        var connection = Build(apiKey);
        try
        {
            await connection.StartAsync();
            return new ConnectAttempt(connection, null, null);
        }
        catch (Exception refused) when (refused is HttpRequestException or AggregateException or WebSocketException or InvalidOperationException)
        {
            await connection.DisposeAsync();
            var status = StatusOf(refused);
            if (status is >= 400 and < 500)
            {
                _refusedConnects.Add(status.Value);
            }

            return new ConnectAttempt(null, status, $"connect answered {status?.ToString(CultureInfo.InvariantCulture) ?? "no status"}: {refused.Message}");
        }
    }

    /// <summary>The HTTP status a failed connect got: negotiation's, or the WebSocket upgrade's (that client names it only in its message).</summary>
    private static int? StatusOf(Exception error) => error switch
    {
        HttpRequestException { StatusCode: { } status } => (int)status,
        AggregateException aggregate => aggregate.InnerExceptions.Select(StatusOf).FirstOrDefault(s => s is not null),
        WebSocketException socket when UpgradeStatus().Match(socket.Message) is { Success: true } match =>
            int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
        _ => error.InnerException is { } inner ? StatusOf(inner) : null,
    };

    private HubConnection Build(string apiKey) => new HubConnectionBuilder()
        .WithUrl(new Uri(fixture.Address, DeviceHubContract.Path), options => options.Headers[DeviceHubContract.ApiKeyHeader] = apiKey)
        .AddJsonProtocol(options => RawJson.Register(options.PayloadSerializerOptions))
        .Build();

    /// <summary>
    /// A new connection of the same device heartbeats, submits a valid request (built from the submit method's
    /// parameter shape), gets its Execute, reports the outcome (the report's shape, with every field Execute also has
    /// copied from it) and is acknowledged.
    /// </summary>
    private async Task<IReadOnlyList<AfterStormCheck>> FreshConnectionAsync(string apiKey, IReadOnlyList<MethodInfo> methods)
    {
        var checks = new List<AfterStormCheck>();
        await using var connection = await ConnectAsync(apiKey);
        checks.Add(new AfterStormCheck("connect anew (same device key)", connection?.State.ToString() ?? "refused", connection is not null, string.Empty));
        if (connection is null)
        {
            return checks;
        }

        var executed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var acknowledged = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>(nameof(IDeviceClient.Execute), command => executed.TrySetResult(command));
        // Acknowledgements cover every outcome up to a sequence; one for an earlier report may come first.
        connection.On<long>(nameof(IDeviceClient.Acknowledge), sequence =>
        {
            if (sequence >= FreshSequence)
            {
                acknowledged.TrySetResult(sequence);
            }
        });
        await connection.InvokeAsync(DeviceHubContract.Heartbeat);

        var submit = methods.Single(m => m.Name == DeviceHubContract.SubmitRequest);
        await connection.InvokeCoreAsync(submit.Name, typeof(object), [.. HubInvocations.ValidArguments(submit, 990_001)]);
        var command = await WithinPatience(executed.Task);
        checks.Add(new AfterStormCheck($"{submit.Name} (valid)", command is null ? "nothing" : "Execute", command is not null, command?.ToString() ?? string.Empty));
        if (command is not { } decision)
        {
            return checks;
        }

        var report = methods.Single(m => m.Name == DeviceHubContract.ReportOutcomes);
        var list = (ListShape)JsonShape.Of(report.GetParameters().Single().ParameterType);
        var outcome = ValidExamples.Of(list.Item, FreshSequence).AsObject();
        foreach (var field in decision.EnumerateObject().Where(f => outcome.ContainsKey(f.Name)))
        {
            outcome[field.Name] = JsonNode.Parse(field.Value.GetRawText());
        }

        await connection.InvokeCoreAsync(report.Name, typeof(object), [new RawJson(JsonSerializer.SerializeToUtf8Bytes(new JsonArray(outcome)))]);
        var sequence = await WithinPatience(acknowledged.Task);
        checks.Add(new AfterStormCheck($"{report.Name} of that decision", sequence is null ? "nothing" : $"Acknowledge({sequence})", sequence >= FreshSequence, outcome.ToJsonString()));
        return checks;
    }

    private static async Task<T?> WithinPatience<T>(Task<T> task)
        where T : struct
    {
        try
        {
            return await task.WaitAsync(Eventually.Patience);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"status code '(\d{3})'")]
    private static partial Regex UpgradeStatus();

    private static async Task DisposeAsync(HubConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
