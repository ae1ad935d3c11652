using System.Text.Json;
using EdgeControl.DeviceAgent.Hub;
using EdgeControl.DeviceAgent.Stats;
using EdgeControl.DeviceAgent.Storage;
using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>The files an agent leaves for itself (its identity) and for the fault suite (its stats).</summary>
public sealed class DeviceStateFilesTests
{
    [Fact]
    public void A_self_registered_device_is_kept_readable_by_its_owner_only_and_loads_as_the_same_device()
    {
        using var data = new TemporaryDirectory();
        var device = new RegisteredDevice(Guid.NewGuid(), "pi-kitchen", "ec_secret");
        Assert.Null(DeviceIdentityFile.Load(data.Path));

        DeviceIdentityFile.Save(data.Path, device);

        Assert.Equal(device, DeviceIdentityFile.Load(data.Path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data.Path, DeviceIdentityFile.FileName)));
        }
    }

    [Fact]
    public void A_damaged_identity_file_is_refused_with_what_to_do()
    {
        using var data = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(data.Path, DeviceIdentityFile.FileName), "{ not json");

        var error = Assert.Throws<DeviceAgentException>(() => DeviceIdentityFile.Load(data.Path));

        Assert.Contains("fix or delete it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stats_file_holds_every_counter_of_the_outbox_under_the_names_the_fault_suite_reads()
    {
        using var data = new TemporaryDirectory();
        var path = Path.Combine(data.Path, "stats.json");
        using var outbox = OutcomeOutbox.Open(data.Path, sequenceFloor: 0);
        await using var hub = new DeviceHubClient(new Uri("http://127.0.0.1:1"), "k", _ => Task.CompletedTask, outbox: outbox);
        var acknowledged = hub.Report(Outcome("r-1"));
        hub.Report(Outcome("r-2"));
        hub.Report(Outcome("poison\u00001"), poison: true);
        outbox.AcknowledgeUpTo(acknowledged.Sequence);
        outbox.CountDecision(answered: true);
        outbox.CountDecision(answered: false);

        var offloads = new Offload.OffloadCounters();
        offloads.CountAnswer(totalMs: 30, sendingMs: 8, queueMs: 1, computeMs: 12);
        offloads.FirstOf("http://10.0.0.1:8080", Offload.OffloadFailure.Refused);
        new StatsFile(path, "3f1c0a52-0000-0000-0000-000000000001", hub, offloads, TextWriter.Null).Write();

        using var stats = JsonDocument.Parse(File.ReadAllText(path));
        var root = stats.RootElement;
        Assert.Equal(
            ["nodeId", "measured", "acknowledged", "rejected", "pending", "decisionsAnswered", "decisionsRefused", "poisonSent", "connected", "offloadsAnswered", "offloadsLost", "server"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("3f1c0a52-0000-0000-0000-000000000001", root.GetProperty("nodeId").GetString());
        Assert.Equal(2, root.GetProperty("measured").GetInt64());
        Assert.Equal(1, root.GetProperty("acknowledged").GetInt64());
        Assert.Equal(0, root.GetProperty("rejected").GetInt64());
        Assert.Equal(2, root.GetProperty("pending").GetInt64());
        Assert.Equal(1, root.GetProperty("decisionsAnswered").GetInt64());
        Assert.Equal(1, root.GetProperty("decisionsRefused").GetInt64());
        Assert.Equal(1, root.GetProperty("poisonSent").GetInt64());
        Assert.False(root.GetProperty("connected").GetBoolean());
        Assert.Equal(1, root.GetProperty("offloadsAnswered").GetInt64());
        Assert.Equal(
            [("refused", 1L), ("timeout", 0L), ("busy", 0L), ("unauthorized", 0L), ("badRequest", 0L), ("badAnswer", 0L), ("network", 0L)],
            root.GetProperty("offloadsLost").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())));
        Assert.Equal("http://127.0.0.1:1", root.GetProperty("server").GetString());
        Assert.Single(Directory.GetFiles(data.Path, "stats.json*"));
    }

    private static MeasuredOutcome Outcome(string requestId) =>
        new(0, requestId, "camera-1", 3, "edge-1", "mobilenet_v1_0.5_160", 20, 0.1, 0.6, DateTimeOffset.UtcNow, "AAABlNWJ0pAQ8n1cUZ3eYTq9k2fW6xLp");
}
