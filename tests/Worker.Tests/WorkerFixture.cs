namespace EdgeControl.Worker.Tests;

/// <summary>One running worker shared by the tests of a class: building the networks and profiling is the slow part.</summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    internal RunningWorker Worker { get; private set; } = null!;

    public async Task InitializeAsync() => Worker = await RunningWorker.StartAsync();

    public async Task DisposeAsync() => await Worker.DisposeAsync();
}
