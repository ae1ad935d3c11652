using System.Security.Cryptography;
using System.Text;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Scenarios;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>
/// The twin's event queue (next arrival from a heap over users, completions from a heap per node) is
/// bookkeeping only: it must replay exactly the trajectories of a scan over every user and every
/// request in flight, including when a herded node holds thousands of requests.
/// </summary>
public class EventQueueTests
{
    // SHA-256 of the text record of a paper-mobilenet run (seed 11, 5000 random actions) made by the
    // linear-scan twin at commit fb8b12b, before the event queue.
    private const string RecordedDigest = "358D315A4E227941F2DE7EAF9EFE73B4CF4DDE7BD187E85F6BF3A488DF8E608A";

    public static TheoryData<string> ShippedScenarios => ["paper-mobilenet", "crowded-edge", "bandwidth-drops", "distant-cloud"];

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public void The_event_queue_gives_the_same_trajectory_as_a_linear_scan(string name)
    {
        var scenario = ScenarioLoader.Load(RepositoryFiles.ScenarioPath(name));

        AssertSameTrajectories(scenario, seed: 11, steps: 3000, () => new RandomPolicy(scenario, seed: 3));
    }

    [Fact]
    public void The_event_queue_gives_the_same_trajectory_as_a_linear_scan_with_markov_and_trace_users()
    {
        var scenario = TestScenarios.Load(("measurementNoise", "0.1"), ("servers[0].backgroundLoad", "2"));

        AssertSameTrajectories(scenario, seed: 4, steps: 3000, () => new RandomPolicy(scenario, seed: 9));
    }

    [Fact]
    public void The_event_queue_gives_the_same_trajectory_as_a_linear_scan_with_ten_thousand_users_herded_onto_one_edge()
    {
        // The idle-node greedy sends every camera of the city to edge-01: its in-flight heap grows to
        // thousands and still retires exactly the requests the scan retires.
        var scenario = CityScenario.Scenario;
        var herded = Trajectories.Observations(scenario, seed: 2, steps: 10_000, new ProfileGreedyPolicy(scenario).Decide);

        Assert.True(herded[^1].ServerLoads[0] > 1000, $"edge-01 load {herded[^1].ServerLoads[0]} after herding");
        AssertSameTrajectories(scenario, seed: 2, steps: 10_000, () => new ProfileGreedyPolicy(scenario));
    }

    [Fact]
    public void Trajectories_are_those_recorded_before_the_event_queue()
    {
        // Guards the reference scan above as much as the queue.
        var record = Trajectories.Record(ShippedScenario.Scenario, seed: 11, steps: 5000, actionSeed: 3);

        Assert.Equal(RecordedDigest, Digest(record));
    }

    private static string Digest(IEnumerable<string> record) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', record))));

    private static void AssertSameTrajectories(Scenario scenario, long seed, int steps, Func<IPolicy> newPolicy)
    {
        var queue = new EdgeCloudTwin(scenario);
        var scan = new LinearScanTwin(scenario);

        var expected = Trajectories.Record(scan.Reset, scan.Step, seed, steps, newPolicy().Decide);
        var actual = Trajectories.Record(queue.Reset, queue.Step, seed, steps, newPolicy().Decide);

        Assert.Equal(expected.Count, actual.Count);
        var firstDifference = expected.Zip(actual).TakeWhile(p => p.First == p.Second).Count();
        Assert.True(firstDifference == expected.Count, $"step {firstDifference} differs:\n scan  {expected.ElementAtOrDefault(firstDifference)}\n queue {actual.ElementAtOrDefault(firstDifference)}");
    }
}
