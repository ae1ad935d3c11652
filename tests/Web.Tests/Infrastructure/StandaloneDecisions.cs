using EdgeControl.Web.Decisions;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Workers;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>A decision service outside a host, with no registered workers: every server of the scenario is allowed.</summary>
internal static class StandaloneDecisions
{
    public static DecisionService Create() =>
        new(new WorkerRegistry(new DeviceLiveness(Options.Create(new DeviceHubOptions()), TimeProvider.System)));
}
