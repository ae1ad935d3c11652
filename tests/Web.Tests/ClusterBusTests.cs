using System.Collections.Concurrent;
using EdgeControl.Web.Cluster;
using EdgeControl.Web.Tests.Infrastructure;
using Npgsql;

namespace EdgeControl.Web.Tests;

/// <summary>The cluster bus between two instances on one database: PostgreSQL LISTEN/NOTIFY, for real.</summary>
public sealed class ClusterBusTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task A_message_reaches_the_other_instance_and_not_its_sender()
    {
        await using var a = ClusterInstance.Start("bus-a", _connectionString);
        await using var b = ClusterInstance.Start("bus-b", _connectionString);
        var (busA, busB) = (a.Get<ClusterBus>(), b.Get<ClusterBus>());
        await Task.WhenAll(busA.Listening, busB.Listening);
        var heardByA = new ConcurrentQueue<string>();
        var heardByB = new ConcurrentQueue<string>();
        // The orchestrator is off in these hosts, so nothing else listens on this channel.
        using var subscriptionA = busA.Subscribe(ClusterChannels.Runs, heardByA.Enqueue);
        using var subscriptionB = busB.Subscribe(ClusterChannels.Runs, heardByB.Enqueue);

        await busA.PublishAsync(ClusterChannels.Runs, "from a", CancellationToken.None);
        await Eventually.HoldsAsync(() => heardByB.Contains("from a"));
        await busB.PublishAsync(ClusterChannels.Runs, "from b", CancellationToken.None);
        await Eventually.HoldsAsync(() => heardByA.Contains("from b"));

        // PostgreSQL delivers notifications in commit order: had A heard its own message, it would have heard it first.
        Assert.Equal(["from b"], heardByA);
        Assert.Equal(["from a"], heardByB);
    }

    [Fact]
    public async Task Reconnected_fires_after_the_listening_connection_is_terminated_and_messages_flow_again()
    {
        await using var a = ClusterInstance.Start("bus-a", _connectionString);
        await using var b = ClusterInstance.Start("bus-b", _connectionString);
        var (busA, busB) = (a.Get<ClusterBus>(), b.Get<ClusterBus>());
        await Task.WhenAll(busA.Listening, busB.Listening);
        var reconnected = 0;
        busB.Reconnected += () => Interlocked.Increment(ref reconnected);
        var heardByB = new ConcurrentQueue<string>();
        using var subscription = busB.Subscribe(ClusterChannels.Runs, heardByB.Enqueue);

        Assert.True(await TerminateListenersAsync() >= 2, "both instances' listening connections were found");
        await Eventually.HoldsAsync(() => Volatile.Read(ref reconnected) >= 1);
        await busA.PublishAsync(ClusterChannels.Runs, "after the cut", CancellationToken.None);

        await Eventually.HoldsAsync(() => heardByB.Contains("after the cut"));
    }

    private async Task<int> TerminateListenersAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()",
            connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
