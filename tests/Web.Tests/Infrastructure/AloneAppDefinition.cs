namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// A migrated app for tests that read figures other apps of the test process could move, run when no other test
/// collection runs. OpenTelemetry's meter provider subscribes to meters by name (the meter listener sees every meter of
/// the process), and every app a test process hosts makes a meter named "EdgeControl", so an app's /metrics may also
/// count decisions the apps of other collections make at the same time. MetricsTests, which expects an exact count,
/// failed in the full suite only (its count never became what its own decisions made it within 40 s) and passed alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneAppDefinition : ICollectionFixture<MigratedAppFixture>
{
    public const string Name = "Migrated app, alone";
}
