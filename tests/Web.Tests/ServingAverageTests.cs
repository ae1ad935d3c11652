using EdgeControl.Agents.Dqn;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

/// <summary>
/// Devices are served the weight average of the policies their run published within the window
/// (Orchestrator:ServingAverageOver), so one swing of the learner between two publications does not decide alone: a
/// publication older than the window drops out, another run's policies are never mixed in, and zero serves the newest.
/// </summary>
public sealed class ServingAverageTests
{
    private static readonly Scenario Scenario = ShippedScenarios.Paper;
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid Run = Guid.NewGuid();

    [Fact]
    public void Policies_published_within_the_window_are_served_as_their_average()
    {
        var (first, second) = (Frozen(seed: 1), Frozen(seed: 2));
        var average = new ServingAverage();
        var lineage = new ServingLineage(Run, TimeSpan.FromSeconds(60));

        average.Add(lineage, first, Start);
        var served = average.Add(lineage, second, Start.AddSeconds(30));

        Assert.Equal(2, average.Count);
        Assert.Equal(Values(FrozenQPolicy.Averaged([first, second])), Values(served));
        Assert.NotEqual(Values(second), Values(served));
    }

    [Fact]
    public void A_publication_older_than_the_window_drops_out()
    {
        var (first, second) = (Frozen(seed: 1), Frozen(seed: 2));
        var average = new ServingAverage();
        var lineage = new ServingLineage(Run, TimeSpan.FromSeconds(60));

        average.Add(lineage, first, Start);
        var served = average.Add(lineage, second, Start.AddSeconds(61));

        Assert.Equal(1, average.Count);
        Assert.Same(second, served);
    }

    [Fact]
    public void Another_runs_policies_are_never_averaged_in_and_a_zero_window_serves_the_newest()
    {
        var (first, second, third) = (Frozen(seed: 1), Frozen(seed: 2), Frozen(seed: 3));
        var average = new ServingAverage();

        average.Add(new ServingLineage(Run, TimeSpan.FromSeconds(60)), first, Start);
        var nextRun = average.Add(new ServingLineage(Guid.NewGuid(), TimeSpan.FromSeconds(60)), second, Start.AddSeconds(1));
        var zero = average.Add(new ServingLineage(Run, TimeSpan.Zero), third, Start.AddSeconds(2));

        Assert.Same(second, nextRun);
        Assert.Same(third, zero);
    }

    [Fact]
    public void The_decision_service_decides_with_the_average_of_a_runs_recent_publications()
    {
        using var decisions = StandaloneDecisions.Create();
        var lineage = new ServingLineage(Run, TimeSpan.FromMinutes(10));
        var (first, second) = (Learner(seed: 1), Learner(seed: 2));
        var expected = FrozenQPolicy.Averaged([((IFreezablePolicy)first).Snapshot().Policy, ((IFreezablePolicy)second).Snapshot().Policy]);

        decisions.Publish(Scenario, first, exploring: false, lineage);
        decisions.Publish(Scenario, second, exploring: false, lineage);

        var requests = Requests(100);
        Assert.Equal(
            requests.Select(r => expected.Serve(r, explore: false, []).Action),
            requests.Select((r, i) => decisions.Decide($"r-{i}", r, explore: false).Action));
    }

    private static FrozenQPolicy Frozen(long seed)
    {
        var learner = Learner(seed);
        try
        {
            return ((IFreezablePolicy)learner).Snapshot().Policy;
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }
    }

    /// <summary>A fresh DQN: each seed draws other initial weights, so each serves other Q-values.</summary>
    private static ILearner Learner(long seed) => LearnerCatalog.Default("dqn").Create(Scenario, seed);

    private static float[] Values(FrozenQPolicy policy) =>
        [.. Requests(20).SelectMany(r =>
        {
            var values = new float[policy.ActionCount];
            policy.Values(r, values);
            return values;
        })];

    private static List<Observation> Requests(int count)
    {
        var twin = new EdgeCloudTwin(Scenario);
        var request = twin.Reset(5);
        var requests = new List<Observation>(count);
        for (var i = 0; i < count; i++)
        {
            requests.Add(request);
            request = twin.Step(i % twin.Actions.Count).Next;
        }

        return requests;
    }
}
