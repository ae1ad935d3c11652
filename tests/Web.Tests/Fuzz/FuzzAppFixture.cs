using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// The app on real Kestrel and PostgreSQL (<see cref="RealSocketAppFixture"/>, its own database) for the fuzz suite,
/// and each storm, run once on first use and judged by several tests. After each storm the table of both (as far as
/// they have run) is written to TestResults/security/fuzz.md. A training run that a fuzzed admin request starts with
/// fields left out gets a cheap learner, paced.
/// </summary>
public sealed class FuzzAppFixture : RealSocketAppFixture
{
    private readonly Lazy<Task<RestStormReport>> _restStorm;
    private readonly Lazy<Task<HubStormReport>> _hubStorm;
    private RestStormReport? _restReport;
    private HubStormReport? _hubReport;

    public FuzzAppFixture()
        : base(new Dictionary<string, string?>
        {
            ["Orchestrator:Agent"] = "qlearning",
            ["Orchestrator:StepsPerSecond"] = "1",
        })
    {
        _restStorm = new(async () =>
        {
            _restReport = await new RestStorm(this).RunAsync();
            FuzzReport.Write(_restReport, _hubReport);
            return _restReport;
        });
        _hubStorm = new(async () =>
        {
            _hubReport = await new HubStorm(this).RunAsync();
            FuzzReport.Write(_restReport, _hubReport);
            return _hubReport;
        });
    }

    internal Task<RestStormReport> RestStorm => _restStorm.Value;

    internal Task<HubStormReport> HubStorm => _hubStorm.Value;
}
