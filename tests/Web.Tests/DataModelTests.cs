using EdgeControl.Data;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class DataModelTests(MigratedAppFixture fixture)
{
    [Fact]
    public async Task New_node_starts_with_unknown_status_no_heartbeat_and_a_creation_time()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var node = await AddNodeAsync(NodeTiers.Edge);

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var stored = await Db(scope).Nodes.SingleAsync(n => n.Id == node.Id);

        Assert.Equal(NodeStatuses.Unknown, stored.Status);
        Assert.Null(stored.LastHeartbeatAt);
        Assert.True(stored.CreatedAt > before, $"created_at {stored.CreatedAt} should be set by the database");
    }

    [Fact]
    public async Task Hosted_user_is_stored_with_its_device_node()
    {
        var device = await AddNodeAsync(NodeTiers.Device);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = Db(scope);
        db.HostedUsers.Add(User(device.Id, "camera-1"));
        await db.SaveChangesAsync();

        var stored = await Db(scope).HostedUsers.Include(u => u.DeviceNode).SingleAsync(u => u.DeviceNodeId == device.Id);

        Assert.Equal(device.Name, stored.DeviceNode?.Name);
        Assert.Equal("camera-1", stored.Name);
    }

    [Fact]
    public async Task A_device_hosts_a_user_name_once_and_another_device_may_host_the_same_name()
    {
        var device = await AddNodeAsync(NodeTiers.Device);
        var other = await AddNodeAsync(NodeTiers.Device);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = Db(scope);
        db.HostedUsers.AddRange(User(device.Id, "camera-1"), User(other.Id, "camera-1"));
        await db.SaveChangesAsync();
        var again = Db(scope);
        again.HostedUsers.Add(User(device.Id, "camera-1"));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());

        AssertViolates(error, PostgresErrorCodes.UniqueViolation, "ix_users_device_node_id_name");
    }

    [Fact]
    public async Task Node_tier_must_be_device_edge_or_cloud()
    {
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => AddNodeAsync("fog"));

        AssertViolates(error, PostgresErrorCodes.CheckViolation, "ck_nodes_tier");
    }

    [Fact]
    public async Task Hosted_user_needs_an_existing_device_node()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = Db(scope);
        db.HostedUsers.Add(User(Guid.NewGuid(), "camera-1"));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        AssertViolates(error, PostgresErrorCodes.ForeignKeyViolation, "fk_users_nodes_device_node_id");
    }

    private async Task<NodeEntity> AddNodeAsync(string tier)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = Db(scope);
        var node = new NodeEntity { Name = $"node-{Guid.NewGuid():N}", Tier = tier, ProfileName = "raspberry-pi-4" };
        db.Nodes.Add(node);
        await db.SaveChangesAsync();
        return node;
    }

    private static HostedUserEntity User(Guid deviceNodeId, string name) => new() { Name = name, DeviceNodeId = deviceNodeId };

    private static EdgeControlDbContext Db(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();

    private static void AssertViolates(DbUpdateException error, string sqlState, string constraint)
    {
        var postgres = Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal(sqlState, postgres.SqlState);
        Assert.Equal(constraint, postgres.ConstraintName);
    }
}
