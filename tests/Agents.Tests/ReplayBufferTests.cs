using System.Runtime.CompilerServices;
using EdgeControl.Agents.Dqn;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

/// <summary>
/// The replay buffer keeps its requests as values: at fleet rate an old array of request objects made every young
/// collection of the control plane trace and promote each new request.
/// </summary>
public sealed class ReplayBufferTests
{
    [Fact]
    public void A_stored_request_comes_back_with_every_value_it_was_stored_with()
    {
        var buffer = new ReplayBuffer(capacity: 4, stateLength: 1, actionCount: 2, servers: 3);
        var request = new Observation(2, 1, 2, 12.5, 3.25, 41.0, 1, [0, 5, 2], 0.68, 150, 0.2, 17.75);

        buffer.Add(request, [0f], 1, -0.5, [0f], [true, false]);

        var stored = buffer.Request(0);
        Assert.Equal(request with { ServerLoads = stored.ServerLoads }, stored);
        Assert.Equal(request.ServerLoads, stored.ServerLoads);
    }

    [Fact]
    public void The_buffer_holds_no_reference_to_the_requests_it_stores()
    {
        var buffer = new ReplayBuffer(capacity: 4, stateLength: 1, actionCount: 2, servers: 2);

        var stored = StoreAndForget(buffer);
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.False(stored.IsAlive);
        Assert.Equal(7, buffer.Request(0).User);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference StoreAndForget(ReplayBuffer buffer)
    {
        var request = new Observation(7, 0, 0, 50, 1, 1, 0, [1, 2], 0.6, 200, 1.0, 0);
        buffer.Add(request, [0f], 0, 0, [0f], [true, true]);
        return new WeakReference(request);
    }
}
