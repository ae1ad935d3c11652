using EdgeControl.Cli.Testbed;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Logging;
using EdgeControl.Protocol;
using static EdgeControl.Cli.Tests.TestbedRows;

namespace EdgeControl.Cli.Tests;

/// <summary>The arithmetic of <c>edgecontrol testbed report</c> on hand-made decision-log rows of scenarios/testbed.json.</summary>
public class TestbedReportTests
{
    private static readonly WorkerProfileHistory EdgeAt50GigaMacs = WorkerProfileHistory.Latest(new Dictionary<string, WorkerProfile> { ["edge-1"] = new WorkerProfile(50, 1, []) });

    // A/B: 30 s windows from t = 100 s: learned, local, greedy.
    private static readonly AbWindow[] Windows =
    [
        new("learned", Start.AddSeconds(100), Start.AddSeconds(130)),
        new("local", Start.AddSeconds(130), Start.AddSeconds(160)),
        new("greedy", Start.AddSeconds(160), Start.AddSeconds(190)),
    ];

    [Fact]
    public void A_row_without_a_reward_is_scored_with_the_scenarios_reward_function_and_a_logged_reward_is_kept()
    {
        var scored = new LoggedDecisionResolver(TestbedScenario).Resolve([Local(1, latencyMs: 75), Local(2, latencyMs: 75, reward: -1.23)]);

        // -(75 / 150) - 0.2 x 0.1 J / 0.5 J - 0 (0.709 meets 0.68) = -0.54
        Assert.Equal(-0.54, scored[0].Reward, precision: 9);
        Assert.Equal(-1.23, scored[1].Reward, precision: 9);
        Assert.Equal(Tier.Device, scored[0].Tier);
    }

    [Fact]
    public void A_row_naming_a_user_the_scenario_does_not_have_is_counted_and_left_out()
    {
        var scoring = new LoggedDecisionResolver(TestbedScenario);

        var scored = scoring.Resolve([Local(1, 75) with { UserName = "camera-9" }, Local(2, 75)]);

        Assert.Single(scored);
        Assert.Equal(1, scoring.Unresolved);
    }

    [Fact]
    public void The_learning_curve_is_the_mean_reward_of_the_last_requests_at_evenly_spaced_points()
    {
        var scored = new LoggedDecisionResolver(TestbedScenario).Resolve([Local(0, 75, -1.0), Local(10, 75, -1.0), Local(20, 75, -0.5), Local(30, 75, -0.5, probability: 0.01)]);

        var curve = LiveLearning.Curve(scored, window: 2, points: 2);

        Assert.Equal([2, 4], curve.Select(p => p.Requests));
        Assert.Equal([-1.0, -0.5], curve.Select(p => p.RollingReward));
        Assert.Equal([10.0, 30.0], curve.Select(p => p.Seconds));
        Assert.Equal(0.5, curve[1].ExploringShare);
    }

    [Fact]
    public void AB_counts_the_requests_of_each_window_its_policy_decided_and_the_best_fixed_policy_has_the_highest_mean_reward()
    {
        var report = new TestbedReport(TestbedScenario,
        [
            Local(50, 75, -2.0), // learning, before the windows
            Local(101, 75, -0.5), Local(105, 75, -0.7), Local(110, 75, -3.0, probability: 0.01),
            Local(131, 75, -0.9, servedBy: "local"), Local(140, 75, -1.1, servedBy: null), // the local window's
            Local(161, 75, -0.8, servedBy: "greedy"),
            Local(162, 75, -0.6, servedBy: "local"), // decided by local just before its window ended: neither's
        ], EdgeAt50GigaMacs, Windows);

        var byPolicy = report.AbResults.ToDictionary(r => r.Policy);

        Assert.Single(report.Learning);
        Assert.Equal(3, byPolicy["learned"].Count);
        Assert.Equal(-4.2 / 3, byPolicy["learned"].MeanReward, precision: 9);
        Assert.Equal(-0.6, byPolicy["learned (greedy decisions)"].MeanReward, precision: 9);
        Assert.Equal(2, byPolicy["local"].Count);
        Assert.Equal(-1.0, byPolicy["local"].MeanReward, precision: 9);
        Assert.Equal(1, byPolicy["greedy"].Count);
        Assert.Equal("greedy", PolicyComparison.BestFixed(report.AbResults)!.Policy);
    }

    [Fact]
    public void Misses_count_late_or_inaccurate_requests_and_lost_requests_are_counted_as_lost()
    {
        var report = new TestbedReport(TestbedScenario,
            [Edge(101, 100, servedBy: "edge"), Edge(102, 200, servedBy: "edge"), Edge(103, 750, servedBy: "edge", accuracy: 0)],
            EdgeAt50GigaMacs, [new("edge", Start.AddSeconds(100), Start.AddSeconds(130))]);

        var edge = Assert.Single(report.AbResults);
        Assert.Equal(2.0 / 3, edge.MissShare, precision: 9);
        Assert.Equal(2.0 / 3, edge.LateShare, precision: 9);
        Assert.Equal(1, edge.Lost);
        Assert.Equal(750, edge.P95LatencyMs); // of three, the 95th percentile is the largest
    }

    [Fact]
    public void Calibration_is_the_median_absolute_relative_error_of_the_twins_latency_with_each_set_of_profiles()
    {
        // The twin for edge-1, 1.0_224 (569 MMAC, 150,528 input bytes) at 50 Mbit/s and 1 ms RTT, idle:
        // transfer 150,528 x 8 / 50,000 = 24.08448 ms; self-profiled 569 / 50 = 11.38 ms -> 36.46448 ms;
        // published edge-cpu 569 / 25 = 22.76 ms -> 47.84448 ms.
        var report = new TestbedReport(TestbedScenario,
            [Edge(1, 40), Edge(2, 38), Edge(3, 60), Edge(4, 750, accuracy: 0), Local(5, 20)],
            EdgeAt50GigaMacs, []);

        var edge = report.Calibration.Single(c => c.Group == "edge");
        Assert.Equal(3, edge.Count); // the lost request is left out
        Assert.Equal(40, edge.MedianMeasuredMs);
        // errors: self |36.46448 - m| / m for m = 40, 38, 60: 0.0884, 0.0404, 0.3923; published 0.1961, 0.2591, 0.2026.
        Assert.Equal(0.088388, edge.SelfProfiledError, precision: 6);
        Assert.Equal(0.202592, edge.PublishedError, precision: 6);
        Assert.Equal(36.46448, edge.MedianSelfProfiledMs, precision: 6);
        var offloaded = report.Calibration.Single(c => c.Group == TwinCalibration.Offloaded);
        Assert.Equal(edge.SelfProfiledError, offloaded.SelfProfiledError);
        Assert.Contains(report.Calibration, c => c.Group == "device");
    }

    [Fact]
    public void A_variant_the_worker_timed_is_predicted_with_its_measured_milliseconds_instead_of_the_throughput()
    {
        // 1.0_224 timed at 20 ms (not 569 / 50 = 11.38): 24.08448 ms transfer + 1 ms RTT + 20 ms = 45.08448 ms.
        var timed = WorkerProfileHistory.Latest(new Dictionary<string, WorkerProfile> { ["edge-1"] = new WorkerProfile(50, 1, [new VariantTiming(Largest, 20)]) });

        var report = new TestbedReport(TestbedScenario, [Edge(1, 45.08448)], timed, []);

        var edge = report.Calibration.Single(c => c.Group == "edge");
        Assert.Equal(45.08448, edge.MedianSelfProfiledMs, precision: 6);
        Assert.Equal(0, edge.SelfProfiledError, precision: 9);
    }

    [Fact]
    public void The_workers_measured_service_overhead_is_added_to_the_self_profiled_prediction()
    {
        // As above, and 6.5 ms the worker measured beyond compute: 24.08448 + 1 + 20 + 6.5 = 51.58448 ms.
        var timed = WorkerProfileHistory.Latest(new Dictionary<string, WorkerProfile> { ["edge-1"] = new WorkerProfile(50, 1, [new VariantTiming(Largest, 20)], ServiceOverheadMs: 6.5) });

        var report = new TestbedReport(TestbedScenario, [Edge(1, 51.58448)], timed, []);

        var edge = report.Calibration.Single(c => c.Group == "edge");
        Assert.Equal(51.58448, edge.MedianSelfProfiledMs, precision: 6);
        Assert.Equal(["cloud-1"], report.MissingProfiles); // published, so no service overhead
    }

    [Fact]
    public void The_learners_windows_with_exploration_paused_are_the_learned_policys_row()
    {
        AbWindow[] paused = [new("learned-greedy", Start.AddSeconds(100), Start.AddSeconds(130)), .. Windows.Skip(1)];

        var report = new TestbedReport(TestbedScenario,
            [Local(101, 75, -0.5, servedBy: "learned-greedy"), Local(105, 75, -0.7, servedBy: null), Local(161, 75, -0.8, servedBy: "greedy")],
            EdgeAt50GigaMacs, paused);

        var learned = report.AbResults[0];
        Assert.Equal(("learned", 2), (learned.Policy, learned.Count));
        Assert.Equal(-0.6, learned.MeanReward, precision: 9);
        Assert.DoesNotContain(report.AbResults, r => r.Policy is "learned-greedy" or "learned (greedy decisions)"); // none explored
        Assert.Contains("learned policy reward -0.60 vs best fixed -0.80 (greedy)", report.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void The_calibration_footnote_says_whether_each_workers_profile_came_from_start_up_or_from_served_passes()
    {
        // cloud-1's first report, 70 s into the run, is in force for every request (the earliest, for the one before it).
        var profiles = History(("edge-1", -30, new WorkerProfile(50, 1, [])), ("cloud-1", 70, new WorkerProfile(20, 1, [])));
        var report = new TestbedReport(TestbedScenario, [Edge(50, 40), Edge(90, 40)], profiles, []);
        using var output = new StringWriter();

        report.Write(output, rollingWindow: 2);

        Assert.Contains("edge-1: self-profiled 50.0 GMAC/s x 1 slot(s) + 0.0 ms service overhead (start-up, reported 17:59:30 UTC before the run)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("cloud-1: self-profiled 20.0 GMAC/s x 1 slot(s) + 0.0 ms service overhead (in service, reported 18:01:10 UTC)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_profile_in_force_at_an_instant_is_the_last_reported_at_or_before_it_and_the_earliest_before_any()
    {
        var history = History(("edge-1", 10, new WorkerProfile(50, 1, [])), ("edge-1", 60, new WorkerProfile(25, 1, [])));
        var at = SelfProfiles.InForce(TestbedScenario, history);

        Assert.Equal(50, at(Start.AddSeconds(5)).Servers[0].Profile.GigaMacsPerSecond); // before any report: the earliest
        Assert.Equal(50, at(Start.AddSeconds(59.9)).Servers[0].Profile.GigaMacsPerSecond);
        Assert.Equal(25, at(Start.AddSeconds(60)).Servers[0].Profile.GigaMacsPerSecond);
        Assert.Equal(TestbedScenario.Servers[1].Profile, at(Start.AddSeconds(60)).Servers[1].Profile); // cloud-1 reported none: published
    }

    [Fact]
    public void Each_request_is_calibrated_with_its_workers_profile_in_force_when_it_was_decided()
    {
        // edge-1 reported 50 GMAC/s 10 s into the run, then 25 GMAC/s at 60 s. The twin for 1.0_224 at 50 Mbit/s and
        // 1 ms RTT: 24.08448 + 1 + 569 / 50 = 36.46448 ms with the first, 24.08448 + 1 + 569 / 25 = 47.84448 ms with the second.
        var history = History(("edge-1", 10, new WorkerProfile(50, 1, [])), ("edge-1", 60, new WorkerProfile(25, 1, [])));
        var report = new TestbedReport(TestbedScenario,
        [
            Edge(5, 36.46448), // decided before any report: the earliest
            Edge(60.02, 36.46448), // observed after the second report, but decided 36 ms earlier (observed_at - latency_ms)
            Edge(90, 47.84448),
        ], history, []);

        // With one profile for the whole run, or by the instant observed, two of the three would be predicted 47.84 ms.
        var edge = report.Calibration.Single(c => c.Group == "edge");
        Assert.Equal(36.46448, edge.MedianSelfProfiledMs, precision: 6);
        Assert.Equal(0, edge.SelfProfiledError, precision: 9);
    }

    [Fact]
    public void The_calibration_footnote_names_the_profiles_in_force_during_the_run_and_that_each_request_had_its_own()
    {
        // The start-up profile before the run, in-service ones 60 s and 120 s into it; requests until 100 s.
        var history = History(
            ("edge-1", -30, new WorkerProfile(50, 1, [], ServiceOverheadMs: 1.5)),
            ("edge-1", 60, new WorkerProfile(25, 1, [], ServiceOverheadMs: 1.5)),
            ("edge-1", 120, new WorkerProfile(10, 1, [], ServiceOverheadMs: 1.5)));
        var report = new TestbedReport(TestbedScenario, [Edge(50, 40), Edge(100, 40)], history, []);
        using var output = new StringWriter();

        report.Write(output, rollingWindow: 2);

        Assert.Contains("edge-1: self-profiled 2 profiles in force during the run, 25.0-50.0 GMAC/s (first 50.0, start-up, reported 17:59:30 UTC before the run; last 25.0, in service, reported 18:01:00 UTC) x 1 slot(s) + 1.5 ms service overhead, published edge-cpu 25.0 GMAC/s x 2",
            output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Self-profiled: for each request, its worker's profile in force when the request was decided (observed_at - latency_ms)", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("No profile history", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_profile_history_the_latest_stored_profile_stands_in_for_every_request_and_the_footnote_says_so()
    {
        // A database from before worker_profiles: edge-1's latest stored profile, 25 GMAC/s, reported 60 s into the run.
        var latest = WorkerProfileHistory.Latest(
            new Dictionary<string, WorkerProfile> { ["edge-1"] = new WorkerProfile(25, 1, []) }, new Dictionary<string, DateTimeOffset> { ["edge-1"] = Start.AddSeconds(60) });
        var report = new TestbedReport(TestbedScenario, [Edge(5, 36.46448), Edge(90, 47.84448), Edge(95, 47.84448)], latest, []);
        using var output = new StringWriter();

        report.Write(output, rollingWindow: 2);

        // 47.84448 ms for every request, the one before the report too: |47.84448 - 36.46448| / 36.46448 = 0.312 for it.
        var edge = report.Calibration.Single(c => c.Group == "edge");
        Assert.Equal(47.84448, edge.MedianSelfProfiledMs, precision: 6);
        Assert.Contains("No profile history for edge-1 (a database from before worker_profiles): each one's latest stored profile (nodes.measured_profile) stands in for every request of the run",
            output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Self-profiled: for each request", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_without_a_self_profile_keeps_its_published_profile_and_is_named()
    {
        var report = new TestbedReport(TestbedScenario, [Edge(1, 40)], WorkerProfileHistory.Latest(new Dictionary<string, WorkerProfile>()), []);

        Assert.Equal(["edge-1", "cloud-1"], report.MissingProfiles);
        var edge = report.Calibration.Single(c => c.Group == "edge");
        Assert.Equal(edge.PublishedError, edge.SelfProfiledError);
    }

    [Fact]
    public void The_last_line_gives_requests_learned_vs_best_fixed_reward_and_both_twin_errors()
    {
        var report = new TestbedReport(TestbedScenario,
        [
            Edge(50, 40), Edge(51, 38), Edge(52, 60),
            Local(101, 75, -0.5), Local(105, 75, -0.7),
            Local(131, 75, -0.9, servedBy: "local"),
            Local(161, 75, -0.8, servedBy: "greedy"),
        ], EdgeAt50GigaMacs, Windows);
        using var output = new StringWriter();

        report.Write(output, rollingWindow: 2);

        var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal("testbed: 7 real requests, learned policy reward -0.60 vs best fixed -0.80 (greedy), twin latency error 9% (self-profiled) vs 20% (published)", lines[^1]);
    }

    [Fact]
    public void A_windows_file_with_a_bad_line_is_refused_naming_the_line()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "policy\tstart\tend\nlearned\t2026-12-06T18:00:00Z\t2026-12-06T18:00:30Z\nlocal\tyesterday\t2026-12-06T18:01:00Z\n");

            var error = Assert.Throws<FormatException>(() => AbWindow.ParseFile(path));

            Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Profiles as the workers reported them, <c>seconds</c> after the run's start (scenario server names).</summary>
    private static WorkerProfileHistory History(params (string Server, double Seconds, WorkerProfile Profile)[] reports) =>
        new(reports.GroupBy(r => r.Server).ToDictionary(
                g => g.Key, g => (IReadOnlyList<ReportedProfile>)[.. g.Select(r => new ReportedProfile(Start.AddSeconds(r.Seconds), r.Profile))]),
            new HashSet<string>());
}
