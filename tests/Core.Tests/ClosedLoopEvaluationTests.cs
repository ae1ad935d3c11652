using EdgeControl.Core.Domain;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Scenarios;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>
/// The closed-loop score: each policy is scored on its own trajectories of the twin, so it sees the
/// contention its placements cause, which the open-loop evaluation set cannot.
/// </summary>
public class ClosedLoopEvaluationTests
{
    private static readonly Lazy<Scenario> LazyCrowded = new(() =>
        ScenarioLoader.Load(Path.Combine(RepositoryFiles.Root, "scenarios", "crowded-edge.json")));

    private static readonly Lazy<ClosedLoopEvaluation> LazyCrowdedClosed = new(() => ClosedLoopEvaluation.Create(Crowded));

    private static Scenario Crowded => LazyCrowded.Value;

    private static ClosedLoopEvaluation CrowdedClosed => LazyCrowdedClosed.Value;

    [Fact]
    public void The_oracle_scores_one_and_uniformly_random_actions_about_zero()
    {
        Assert.Equal(1.0, CrowdedClosed.Score(new OraclePolicy(Crowded)), precision: 12);

        var random = CrowdedClosed.Evaluate(new RandomPolicy(Crowded, seed: 5));
        Assert.True(Math.Abs(random.Score) < 3 * random.StandardError + 0.05, $"random scores {random.Score:0.000} ± {random.StandardError:0.000}");
    }

    [Fact]
    public void Herding_onto_the_shared_edge_looks_fine_open_loop_and_fails_closed_loop()
    {
        // The blind spot: on fixed states a policy that sends everyone to the edge pays only for its own
        // request; on its own trajectory the edge fills up and every later request waits behind it.
        var open = EvaluationSet.Create(Crowded);
        var herding = new ProfileGreedyPolicy(Crowded);
        var alwaysEdge = new FixedTierPolicy(Crowded, Tier.Edge);

        Assert.True(open.Score(herding) > 0.9, $"idle-node greedy open loop {open.Score(herding):0.000}");
        Assert.True(CrowdedClosed.Score(herding) < open.Score(herding) - 0.08, $"idle-node greedy closed loop {CrowdedClosed.Score(herding):0.000}");
        Assert.True(open.Score(alwaysEdge) > 0.6, $"always-edge open loop {open.Score(alwaysEdge):0.000}");
        Assert.True(CrowdedClosed.Score(alwaysEdge) < 0.1, $"always-edge closed loop {CrowdedClosed.Score(alwaysEdge):0.000}");
    }

    [Fact]
    public void Joining_the_fastest_node_at_its_current_load_avoids_the_herd()
    {
        var loadAware = CrowdedClosed.Score(new LoadAwarePolicy(Crowded));

        Assert.True(loadAware > CrowdedClosed.Score(new ProfileGreedyPolicy(Crowded)) + 0.1, $"load-aware scores {loadAware:0.000}");
        Assert.True(loadAware < 1.0, "the load-aware heuristic ignores energy and cannot match the oracle");
    }

    [Fact]
    public void The_same_policy_scores_the_same_every_time()
    {
        var again = ClosedLoopEvaluation.Create(Crowded);

        Assert.Equal(CrowdedClosed.Evaluate(new LoadAwarePolicy(Crowded)), again.Evaluate(new LoadAwarePolicy(Crowded)));
    }

    [Fact]
    public void Every_policy_meets_the_same_arrivals_networks_and_background_from_a_seed()
    {
        // Common random numbers: the twin draws the same random numbers whatever it is asked to do,
        // so two policies differ in the loads they cause and in nothing else.
        var local = new FixedTierPolicy(Crowded, Tier.Device);
        var edge = new FixedTierPolicy(Crowded, Tier.Edge);

        var underLocal = Trajectories.Observations(Crowded, seed: 9, steps: 2000, local.Decide);
        var underEdge = Trajectories.Observations(Crowded, seed: 9, steps: 2000, edge.Decide);

        Assert.Equal(underLocal.Select(o => (o.User, o.TimeSeconds, o.NetworkCondition)), underEdge.Select(o => (o.User, o.TimeSeconds, o.NetworkCondition)));
        Assert.NotEqual(underLocal.Select(o => o.ServerLoads[0]), underEdge.Select(o => o.ServerLoads[0]));
    }

    [Fact]
    public void A_batched_policy_decides_one_pending_request_per_seed_at_a_time()
    {
        var options = new ClosedLoopOptions(Seeds: 3, WarmUpRequests: 10, RequestsPerSeed: 40);
        var closed = ClosedLoopEvaluation.Create(Crowded, options);
        var oracle = new OraclePolicy(Crowded);
        var calls = 0;

        var score = closed.Evaluate(requests =>
        {
            calls++;
            Assert.Equal(3, requests.Count);
            return requests.Select(oracle.Decide).ToArray();
        });

        Assert.Equal(50, calls);
        Assert.Equal(1.0, score.Score, precision: 12);
    }
}
