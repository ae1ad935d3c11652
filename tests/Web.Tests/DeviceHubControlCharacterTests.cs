using EdgeControl.DeviceAgent.Hub;
using EdgeControl.Protocol;
using EdgeControl.Web.Api;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EdgeControl.Web.Tests;

/// <summary>The hub maps request contexts with the REST endpoint's mapper, so the same text rule holds there: no NUL is echoed back in Execute.</summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed class DeviceHubControlCharacterTests(RealSocketAppFixture fixture)
{
    [Theory]
    [InlineData("requestId")]
    [InlineData("user")]
    [InlineData("networkCondition")]
    public async Task SubmitRequest_with_a_NUL_is_a_HubException_naming_the_field_and_no_Execute(string field)
    {
        using var http = fixture.CreateClient();
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(http);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(DeviceHubClient.HubUrl(fixture.Address), $"?{DeviceHubContract.AccessTokenQuery}={Uri.EscapeDataString(apiKey)}"))
            .Build();
        var executed = 0;
        hub.On<ExecuteCommand>(nameof(IDeviceClient.Execute), _ => Interlocked.Increment(ref executed));
        await hub.StartAsync();
        var context = new RequestContext(
            field == "requestId" ? "r\0-1" : "r-1",
            field == "user" ? "camera\0-1" : "camera-1",
            UplinkMbps: 20,
            RttEdgeMs: 5,
            RttCloudMs: 40,
            LocalLoad: 0,
            NetworkCondition: field == "networkCondition" ? "regular\0" : "regular");

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SubmitRequest", context));

        Assert.Contains($"requestContext.{field}: {TextField.ControlCharacters}", refused.Message, StringComparison.Ordinal);
        // A good request on the same connection still gets its Execute, and only that one.
        await hub.InvokeAsync("SubmitRequest", context with { RequestId = "r-2", User = "camera-1", NetworkCondition = "regular" });
        // Messages of one connection arrive in order: an Execute for the refused request would have come first.
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref executed) >= 1, TimeSpan.FromSeconds(10)), "the good request got no Execute");
        Assert.Equal(1, Volatile.Read(ref executed));
    }
}
