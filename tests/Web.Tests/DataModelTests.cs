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
    public async Task User_is_stored_with_its_device_node()
    {
        var device = await AddNodeAsync(NodeTiers.Device);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = Db(scope);
        db.InferenceUsers.Add(User(device.Id, accuracyRequirement: 0.7));
        await db.SaveChangesAsync();

        var stored = await Db(scope).InferenceUsers.Include(u => u.DeviceNode).SingleAsync(u => u.DeviceNodeId == device.Id);

        Assert.Equal(device.Name, stored.DeviceNode?.Name);
        Assert.Equal(0.7, stored.AccuracyRequirement);
    }

    [Fact]
    public async Task Node_tier_must_be_device_edge_or_cloud()
    {
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => AddNodeAsync("fog"));

        AssertViolates(error, PostgresErrorCodes.CheckViolation, "ck_nodes_tier");
    }

    [Fact]
    public async Task Accuracy_requirement_above_one_is_rejected()
    {
        var device = await AddNodeAsync(NodeTiers.Device);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = Db(scope);
        db.InferenceUsers.Add(User(device.Id, accuracyRequirement: 1.5));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        AssertViolates(error, PostgresErrorCodes.CheckViolation, "ck_users_accuracy_requirement");
    }

    [Fact]
    public async Task User_needs_an_existing_device_node()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = Db(scope);
        db.InferenceUsers.Add(User(Guid.NewGuid(), accuracyRequirement: 0.5));

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

    private static UserEntity User(Guid deviceNodeId, double accuracyRequirement) => new()
    {
        Name = $"user-{Guid.NewGuid():N}",
        DeviceNodeId = deviceNodeId,
        AccuracyRequirement = accuracyRequirement,
        LatencySloMs = 200,
        EnergyWeight = 0.5,
    };

    private static EdgeControlDbContext Db(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();

    private static void AssertViolates(DbUpdateException error, string sqlState, string constraint)
    {
        var postgres = Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal(sqlState, postgres.SqlState);
        Assert.Equal(constraint, postgres.ConstraintName);
    }
}
