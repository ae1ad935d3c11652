using EdgeControl.Web.Resilience;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EdgeControl.Web.Tests;

/// <summary>
/// The trainer learns from the decision log, read by transaction: every stored outcome reaches the learner once,
/// whichever way a device reported it, in whatever order its transaction committed, through a database outage and
/// across a resume from a checkpoint.
/// </summary>
public sealed class DecisionLogFollowerTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    private static Dictionary<string, string?> Live(params (string Key, string Value)[] more) =>
        FastTraining.Settings([("Orchestrator:Mode", "live"), ("Orchestrator:EvaluateEvery", "10"), ("Devices:RegistrationToken", DeviceRegistration.Token), .. more]);

    [Fact]
    public async Task Outcomes_reported_over_the_hub_and_over_REST_reach_the_learner_through_the_log()
    {
        await using var app = new EdgeControlAppFactory(_connectionString, settings: Live());
        var address = app.ServeOnLoopback();
        using var http = new HttpClient { BaseAddress = address };
        // The run has begun and published its first policy: devices get decisions.
        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RealInteractions == 0));
        await Eventually.HoldsAsync(() => app.Services.GetRequiredService<Web.Decisions.DecisionService>().Scenario is not null);
        var orchestrator = app.Services.GetRequiredService<Orchestrator>();

        var (_, hubKey) = await DeviceRegistration.RegisterDeviceAsync(http);
        await using var hub = await RawHubDevice.ConnectAsync(address, hubKey);
        await hub.ReportAsync(RawHubDevice.Outcome(1, await hub.DecideAsync("over-the-hub")));
        var (_, restKey) = await DeviceRegistration.RegisterDeviceAsync(http);
        var decided = await ServedPolicy.DecideAsync(http, restKey, "over-rest");
        using var posted = await PostTelemetryAsync(http, restKey, ServedPolicy.Batch(ServedPolicy.Outcome(decided, 1)));
        posted.EnsureSuccessStatusCode();

        // Each is one real interaction of the live run, and nothing else is.
        await Eventually.HoldsAsync(() => orchestrator.Snapshot.RealInteractions == 2);
        var rows = await Eventually.QueryAsync(app, db => db.DecisionLog.OrderBy(d => d.Id).ToListAsync());
        Assert.Equal(["over-the-hub", "over-rest"], rows.Select(r => r.RequestId));
        Assert.All(rows, r => Assert.Equal("paper-mobilenet", r.Scenario));
        Assert.Equal(2, app.Services.GetRequiredService<DecisionLogStream>().Experiences);
    }

    [Fact]
    public async Task Rows_of_another_scenario_or_without_context_are_skipped_and_counted_by_kind()
    {
        await using var app = new EdgeControlAppFactory(_connectionString, settings: Live());
        _ = app.Server;
        var orchestrator = app.Services.GetRequiredService<Orchestrator>();
        var stream = app.Services.GetRequiredService<DecisionLogStream>();
        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RealInteractions == 0));
        var device = await LoggedOutcomes.NewDeviceAsync(_connectionString);
        var rows = LoggedOutcomes.Rows(LoggedOutcomes.Paper.Value, device, 9, seed: 3, firstSequence: 1);

        await LoggedOutcomes.WriteAsync(_connectionString, [
            .. rows[..3].Select(r => r with { Context = r.Context! with { Scenario = "another-scenario" } }),
            .. rows[3..5].Select(r => r with { Context = null }),
            .. rows[5..]]);

        await Eventually.HoldsAsync(() => stream.SkippedOtherScenario == 3 && stream.SkippedNoContext == 2 && orchestrator.Snapshot.RealInteractions == 4);
        Assert.Equal(4, stream.Experiences);
    }

    [Fact]
    public async Task Rows_committed_out_of_id_order_are_each_read_exactly_once()
    {
        await using var app = new EdgeControlAppFactory(_connectionString);
        _ = app.Server;
        var reader = app.Services.GetRequiredService<DecisionLogReader>();
        var device = await LoggedOutcomes.NewDeviceAsync(_connectionString);
        var cursor = await reader.HorizonAsync(CancellationToken.None);
        var read = new List<long>();

        // The first transaction takes the lower id and stays open while the second (a higher id) commits.
        await using var first = await OpenAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        var lowerId = await InsertAsync(first, device, 1);
        long higherId;
        await using (var second = await OpenAsync())
        {
            await using var secondTransaction = await second.BeginTransactionAsync();
            higherId = await InsertAsync(second, device, 2);
            await secondTransaction.CommitAsync();
        }

        Assert.True(lowerId < higherId);

        // A reader by id would take the higher id now and pass over the lower one for good; by transaction the
        // committed row waits behind the open transaction.
        cursor = await ReadAsync(reader, cursor, read);
        Assert.Empty(read);

        await firstTransaction.CommitAsync();
        await Eventually.HoldsAsync(async () =>
        {
            cursor = await ReadAsync(reader, cursor, read);
            return read.Count >= 2;
        });
        cursor = await ReadAsync(reader, cursor, read);
        Assert.Equal([lowerId, higherId], read.Order());
    }

    [Fact]
    public async Task A_page_ends_between_whole_transactions_and_the_next_goes_on_from_there()
    {
        await using var app = new EdgeControlAppFactory(_connectionString);
        _ = app.Server;
        var reader = app.Services.GetRequiredService<DecisionLogReader>();
        var device = await LoggedOutcomes.NewDeviceAsync(_connectionString);
        var cursor = await reader.HorizonAsync(CancellationToken.None);
        // Three transactions of 4 rows (one COPY each), read 5 rows at a time.
        for (var i = 0; i < 3; i++)
        {
            await LoggedOutcomes.WriteAsync(_connectionString, device, 4, firstSequence: 1 + (4 * i));
        }

        var pages = new List<List<long>>();
        await Eventually.HoldsAsync(async () =>
        {
            var page = await reader.ReadAsync(cursor, 5, CancellationToken.None);
            if (page.Rows.Count > 0)
            {
                pages.Add([.. page.Rows.Select(r => r.Id)]);
            }

            cursor = page.Next;
            return pages.Sum(p => p.Count) >= 12;
        });

        Assert.All(pages, p => Assert.Equal(4, p.Count));
        Assert.Equal(12, pages.SelectMany(p => p).Distinct().Count());
    }

    [Fact]
    public async Task The_learner_waits_out_a_database_outage_and_then_learns_every_outcome_stored_meanwhile_once()
    {
        var direct = new NpgsqlConnectionStringBuilder(_connectionString);
        await using var proxy = new TcpProxy(new Uri($"tcp://{direct.Host}:{direct.Port}"));
        var viaProxy = new NpgsqlConnectionStringBuilder(_connectionString) { Host = "127.0.0.1", Port = proxy.Address.Port, Timeout = 3 }.ConnectionString;
        await using var app = new EdgeControlAppFactory(viaProxy, settings: Live());
        _ = app.Server;
        var orchestrator = app.Services.GetRequiredService<Orchestrator>();
        var database = app.Services.GetRequiredService<DatabaseAvailability>();
        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RealInteractions == 0));
        var device = await LoggedOutcomes.NewDeviceAsync(_connectionString);
        await LoggedOutcomes.WriteAsync(_connectionString, device, 10, firstSequence: 1);
        await Eventually.HoldsAsync(() => orchestrator.Snapshot.RealInteractions == 10);

        // The app loses its database; devices' outcomes are still stored (by another instance, here directly).
        proxy.Refuse = true;
        proxy.CutAll();
        await LoggedOutcomes.WriteAsync(_connectionString, device, 15, firstSequence: 11);
        await Eventually.HoldsAsync(() => !database.IsAvailable);
        Assert.Equal(10, orchestrator.Snapshot.RealInteractions);

        proxy.Refuse = false;
        await Eventually.HoldsAsync(() => orchestrator.Snapshot.RealInteractions == 25);
        // Nothing read twice: one more outcome makes it exactly one more.
        await LoggedOutcomes.WriteAsync(_connectionString, device, 1, firstSequence: 26);
        await Eventually.HoldsAsync(() => orchestrator.Snapshot.RealInteractions == 26);
    }

    [Fact]
    public async Task A_resumed_run_learns_what_was_stored_after_its_checkpoint_and_nothing_before_it_twice()
    {
        var settings = Live(("Orchestrator:CheckpointEvery", "20"));
        Guid device;
        await using (var first = new EdgeControlAppFactory(_connectionString, settings: settings))
        {
            _ = first.Server;
            device = await LoggedOutcomes.NewDeviceAsync(_connectionString);
            var orchestrator = first.Services.GetRequiredService<Orchestrator>();
            await Eventually.HoldsAsync(first, db => db.CurvePoints.AnyAsync(p => p.RealInteractions == 0));
            await LoggedOutcomes.WriteAsync(_connectionString, device, 20, firstSequence: 1);
            await Eventually.HoldsAsync(first, db => db.Checkpoints.AnyAsync(c => c.RealInteractions == 20));
            await LoggedOutcomes.WriteAsync(_connectionString, device, 7, firstSequence: 21);
            await Eventually.HoldsAsync(() => orchestrator.Snapshot.RealInteractions == 27);
        }

        // Stopped (its last checkpoint at 27 holds the horizon after those 27); five more are stored meanwhile.
        await LoggedOutcomes.WriteAsync(_connectionString, device, 5, firstSequence: 28);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM checkpoints WHERE log_horizon IS NULL"));

        await using var second = new EdgeControlAppFactory(_connectionString, settings: settings);
        _ = second.Server;
        var resumed = second.Services.GetRequiredService<Orchestrator>();
        // From 27: the five stored while it was down, not the 27 before (a fresh horizon would give 27, the start of the log 59).
        await Eventually.HoldsAsync(() => resumed.Snapshot.RealInteractions == 32);
        await LoggedOutcomes.WriteAsync(_connectionString, device, 1, firstSequence: 33);
        await Eventually.HoldsAsync(() => resumed.Snapshot.RealInteractions == 33);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> InsertAsync(NpgsqlConnection connection, Guid device, long sequence)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO decision_log (node_id, sequence, request_id, target, variant, latency_ms, energy_j, accuracy, observed_at, received_at)
            VALUES (@device, @sequence, 'r', 'device', 'mobilenet_v1_1.0_224', 10, 0.1, 0.7, now(), now()) RETURNING id
            """, connection);
        insert.Parameters.AddWithValue("device", device);
        insert.Parameters.AddWithValue("sequence", sequence);
        return (long)(await insert.ExecuteScalarAsync())!;
    }

    private static async Task<ulong> ReadAsync(DecisionLogReader reader, ulong cursor, List<long> read)
    {
        LogPage page;
        do
        {
            page = await reader.ReadAsync(cursor, 100, CancellationToken.None);
            read.AddRange(page.Rows.Select(r => r.Id));
            cursor = page.Next;
        }
        while (!page.CaughtUp);

        return cursor;
    }

    private static async Task<HttpResponseMessage> PostTelemetryAsync(HttpClient client, string apiKey, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/telemetry", UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        return await client.SendAsync(request);
    }
}
