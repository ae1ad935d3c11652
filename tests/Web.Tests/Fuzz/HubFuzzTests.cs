namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// Malformed invocations on the device hub through the real SignalR client with a device key, and raw WebSocket frames
/// that are not SignalR JSON: the server may refuse a call or close the connection, but it never answers a connect
/// with a 5xx, never logs an error for one bad call, and a fresh connection of the same device still works.
/// </summary>
[Collection(FuzzDefinition.Name)]
public sealed class HubFuzzTests(FuzzAppFixture fixture)
{
    [Fact]
    public async Task At_least_200_malformed_invocations_reach_every_hub_method()
    {
        var storm = await fixture.HubStorm;

        Assert.True(storm.Calls.Count >= FuzzLimits.MinInvocations, $"{storm.Calls.Count} invocations");
        Assert.All(storm.Methods, method => Assert.Contains(storm.Calls, c => c.Invocation.Method == method && c.Outcome != HubCall.NoAnswer));
        Assert.Contains(storm.Calls, c => c.Invocation.Mutation == Mutations.UnknownMethod);
        Assert.Contains(storm.Calls, c => c.Invocation.Mutation == Mutations.Oversized);
        Assert.Equal(RawFrames.Count, storm.Frames.Count);
    }

    [Fact]
    public async Task Every_malformed_invocation_is_answered_and_every_connect_succeeds_or_is_a_4xx()
    {
        var storm = await fixture.HubStorm;

        Assert.True(storm.ConnectFailures.Count == 0, string.Join(" || ", storm.ConnectFailures));
        var unanswered = storm.Calls.Where(c => c.Outcome == HubCall.NoAnswer).ToList();
        Assert.True(unanswered.Count == 0, string.Join(" || ", unanswered.Take(10).Select(c => $"{c.Invocation.Method} {c.Invocation.Mutation} ({c.Invocation.Detail}): {c.Message}")));
        Assert.All(storm.Frames, frame => Assert.Equal(101, frame.Upgrade));
    }

    [Fact]
    public async Task No_malformed_invocation_or_frame_logs_an_error()
    {
        var storm = await fixture.HubStorm;

        Assert.True(
            storm.ErrorsLogged.Count == 0,
            $"{storm.ErrorsLogged.Count} errors logged for {storm.Calls.Count} bad calls and {storm.Frames.Count} bad frames, e.g.: "
            + string.Join(" || ", storm.ErrorsLogged.GroupBy(e => (e.Category, e.Exception?.GetType().Name)).Select(g => $"{g.Key.Category} {g.Key.Name} x{g.Count()}: {g.First().Message}")));
    }

    [Fact]
    public async Task A_fresh_connection_still_gets_decisions_and_its_outcomes_stored_after_the_storm()
    {
        var storm = await fixture.HubStorm;

        Assert.Equal(3, storm.FreshConnection.Count);
        Assert.All(storm.FreshConnection, check => Assert.True(check.Passed, $"{check.Check}: {check.Answer} {check.Detail}"));
    }
}
