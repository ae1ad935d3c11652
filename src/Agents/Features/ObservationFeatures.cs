using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Features;

/// <summary>
/// An observation as a vector of roughly unit-scale numbers for the networks. The scales are
/// fixed physical ones (not fitted to a scenario) so a checkpoint means the same on any scenario
/// with the same shape.
/// </summary>
public sealed class ObservationFeatures
{
    private readonly Scenario _scenario;
    private readonly int _servers;
    private readonly int _deviceClasses;

    public ObservationFeatures(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        _servers = scenario.Servers.Count;
        _deviceClasses = scenario.DeviceClasses.Count;
    }

    public int Length => 8 + _servers + _deviceClasses;

    public void Write(Observation request, Span<float> into)
    {
        ArgumentNullException.ThrowIfNull(request);
        into[0] = (float)(Math.Log(request.UplinkMbps) / 3.0);
        into[1] = (float)(request.RttEdgeMs / 100.0);
        into[2] = (float)(request.RttCloudMs / 100.0);
        into[3] = (float)(request.LocalLoad / 4.0);
        into[4] = (float)((request.AccuracyRequirement - 0.6) * 10.0);
        into[5] = (float)(request.SloMs / 500.0);
        into[6] = (float)request.EnergyWeight;
        // The device's radio (WiFi or LTE) is part of the device's profile: its uplink power at the current bandwidth.
        into[7] = (float)(_scenario.Users[request.User].Radio.UplinkPowerW(request.UplinkMbps) / 5.0);
        for (var s = 0; s < _servers; s++)
        {
            into[8 + s] = request.ServerLoads[s] / 8f;
        }

        var classes = into.Slice(8 + _servers, _deviceClasses);
        classes.Clear();
        classes[request.DeviceClass] = 1f;
    }
}
