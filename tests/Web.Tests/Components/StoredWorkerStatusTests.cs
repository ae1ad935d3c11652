using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Dashboard.Workers;

namespace EdgeControl.Web.Tests.Components;

public sealed class StoredWorkerStatusTests
{
    private static NodeEntity Worker(string? measuredProfile) => new()
    {
        Name = "edge-1",
        Tier = NodeTiers.Edge,
        ProfileName = "edge-cpu",
        Url = "http://127.0.0.1:5101",
        Status = NodeStatuses.Online,
        MeasuredProfile = measuredProfile,
    };

    [Fact]
    public void The_stored_self_profile_reads_back_as_the_worker_reported_it_and_no_live_load_is_claimed()
    {
        var profile = new WorkerProfile(12.5, 2, [new VariantTiming("mobilenet_v1_1.0_224", 45.5)]);

        var view = StoredWorkerStatus.ToView(Worker(JsonSerializer.Serialize(profile, JsonSerializerOptions.Web)));

        Assert.NotNull(view.Measured);
        Assert.Equal(12.5, view.Measured.GigaMacsPerSecond);
        Assert.Equal(2, view.Measured.Slots);
        Assert.Equal(new VariantTiming("mobilenet_v1_1.0_224", 45.5), Assert.Single(view.Measured.Variants));
        Assert.Null(view.Load);
        Assert.Equal("http://127.0.0.1:5101", view.Url);
    }

    [Fact]
    public void A_stored_self_profile_that_does_not_read_is_shown_as_not_reported()
    {
        Assert.Null(StoredWorkerStatus.ToView(Worker("{\"gigaMacsPerSecond\": \"fast\"}")).Measured);
        Assert.Null(StoredWorkerStatus.ToView(Worker(null)).Measured);
    }
}
