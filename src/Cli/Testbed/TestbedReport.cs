using System.Globalization;
using EdgeControl.Cli.Terminal;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Logging;

namespace EdgeControl.Cli.Testbed;

/// <summary>
/// The end-of-run report of scripts/testbed.sh, from the decision log alone: (1) live learning, (2) the A/B windows,
/// (3) the twin's latency calibration with self-profiled and published server profiles, and a closing line.
/// </summary>
internal sealed class TestbedReport
{
    private readonly Scenario _scenario;
    private readonly IReadOnlyList<LoggedDecision> _rows;
    private readonly IReadOnlyList<ResolvedDecision> _scored;
    private readonly int _unresolved;
    private readonly WorkerProfileHistory _profiles;
    private readonly IReadOnlyList<AbWindow> _windows;

    /// <param name="rows">The decision log's rows of the run, any order.</param>
    /// <param name="profiles">The workers' profiles over the run by node name (= the scenario's server name).</param>
    /// <param name="windows">The A/B windows; empty when the run had none (everything is then learning).</param>
    public TestbedReport(
        Scenario scenario,
        IReadOnlyList<LoggedDecision> rows,
        WorkerProfileHistory profiles,
        IReadOnlyList<AbWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(profiles);
        _scenario = scenario;
        _rows = rows;
        _profiles = profiles;
        _windows = windows;
        var scoring = new LoggedDecisionResolver(scenario);
        _scored = scoring.Resolve(rows.OrderBy(r => r.ObservedAt));
        _unresolved = scoring.Unresolved;
        var abStart = windows.Count > 0 ? windows.Min(w => w.Start) : DateTimeOffset.MaxValue;
        Learning = [.. _scored.Where(r => r.Row.ObservedAt < abStart)];
        AbResults = PolicyComparison.Compare(_scored, windows);
        Paired = PolicyComparison.BestFixed(AbResults) is { } best ? PairedCycles.Compare(_scored, windows, best.Policy) : null;
        MissingProfiles = [.. scenario.Servers.Select(s => s.Name).Where(name => profiles.Of(name).Count == 0)];
        Calibration = TwinCalibration.Compare(_scored, scenario, SelfProfiles.InForce(scenario, profiles));
    }

    /// <summary>Requests before the first A/B window.</summary>
    public IReadOnlyList<ResolvedDecision> Learning { get; }

    public IReadOnlyList<PolicyResult> AbResults { get; }

    /// <summary>Learned minus the best fixed policy cycle by cycle, with a confidence interval; null with fewer than two cycles.</summary>
    public PairedCycles? Paired { get; }

    /// <summary>The scenario's servers whose worker stored no profile: the published one stands in for it in both columns.</summary>
    public IReadOnlyList<string> MissingProfiles { get; }

    public IReadOnlyList<CalibrationResult> Calibration { get; }

    /// <summary>The closing line: real requests, learned vs best fixed policy reward, twin latency error of offloaded requests.</summary>
    public string Headline
    {
        get
        {
            var learned = AbResults.FirstOrDefault(r => r.Policy == PolicyComparison.Learned);
            var best = PolicyComparison.BestFixed(AbResults);
            var offloaded = Calibration.FirstOrDefault(c => c.Group == TwinCalibration.Offloaded);
            return Invariant($"testbed: {_rows.Count} real requests, learned policy reward {Reward(learned)} vs best fixed {Reward(best)} ({best?.Policy ?? "none"}), ")
                + $"twin latency error {Percent(offloaded?.SelfProfiledError)} (self-profiled) vs {Percent(offloaded?.PublishedError)} (published)";
        }
    }

    public void Write(TextWriter output, int rollingWindow)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(Invariant($"Testbed report, scenario '{_scenario.Name}': {_rows.Count} real requests (measured outcomes in the decision log)") +
            (_unresolved > 0 ? Invariant($"; {_unresolved} of them name a user, node or variant the scenario does not have and are left out") : "") + ".");
        output.WriteLine();
        WriteLearning(output, rollingWindow);
        WriteAb(output);
        WriteCalibration(output);
        output.WriteLine(Headline);
    }

    private void WriteLearning(TextWriter output, int rollingWindow)
    {
        var span = Learning.Count > 1 ? (Learning[^1].Row.ObservedAt - Learning[0].Row.ObservedAt).TotalSeconds : 0;
        output.WriteLine(Invariant($"1. Live learning: {Learning.Count} real requests in {span:0} s before the A/B windows, decided by the learner (exploring as its schedule says) and learned from as measured."));
        if (Learning.Count == 0)
        {
            output.WriteLine("   (no requests)");
            output.WriteLine();
            return;
        }

        var table = new ResultTable("seconds", "requests", Invariant($"reward (last {rollingWindow})"), "latency ms", "local", "exploring") { FirstNumericColumn = 0 };
        foreach (var p in LiveLearning.Curve(Learning, rollingWindow, points: 10))
        {
            table.Add(Invariant($"{p.Seconds:0}"), Invariant($"{p.Requests}"), Invariant($"{p.RollingReward:0.000}"), Invariant($"{p.RollingLatencyMs:0.0}"),
                Percent(p.LocalShare), Percent(p.ExploringShare));
        }

        output.Write(table.Plain());
        output.WriteLine();
    }

    private void WriteAb(TextWriter output)
    {
        var windowSeconds = _windows.Count > 0 ? _windows.Average(w => (w.End - w.Start).TotalSeconds) : 0;
        output.WriteLine(Invariant($"2. A/B on the same testbed: {_windows.Count} windows of {windowSeconds:0} s ({string.Join(", ", _windows.Select(w => w.Policy).Distinct())}); each window's requests that its policy decided (served_by)."));
        if (AbResults.Count == 0)
        {
            output.WriteLine("   (no A/B requests)");
            output.WriteLine();
            return;
        }

        var table = new ResultTable("policy", "requests", "mean reward", "latency ms", "p95 ms", "energy mJ", "misses", "late", "lost");
        foreach (var r in AbResults)
        {
            table.Add(r.Policy, Invariant($"{r.Count}"), Invariant($"{r.MeanReward:0.000}"), Invariant($"{r.MeanLatencyMs:0.0}"), Invariant($"{r.P95LatencyMs:0.0}"),
                Invariant($"{r.MeanEnergyJ * 1000:0.0}"), Percent(r.MissShare), Percent(r.LateShare), Invariant($"{r.Lost}"));
        }

        output.Write(table.Plain());
        if (_windows.Any(w => w.Policy == PolicyComparison.LearnedExplorationPaused))
        {
            output.WriteLine("   learned: the learner's own windows served its greedy decisions only (learned-greedy: exploration paused; scripts/testbed.sh stops the training run as the windows begin unless --ab-learner-learns).");
        }

        output.WriteLine("   misses: later than the user's SLO or below its accuracy requirement; late: later than the SLO; lost: no answer from the worker.");
        WritePaired(output);
        output.WriteLine();
    }

    private void WritePaired(TextWriter output)
    {
        if (PolicyComparison.BestFixed(AbResults) is not { } best || !AbResults.Any(r => r.Policy == PolicyComparison.Learned))
        {
            return;
        }

        if (Paired is not { } paired)
        {
            output.WriteLine($"   Fewer than two A/B cycles: the difference between learned and {best.Policy} has no confidence interval (a longer --duration or a shorter --ab-window gives several).");
            return;
        }

        var verdict = paired.Low > 0 ? "learned ahead" : paired.High < 0 ? "learned behind" : "not told apart";
        output.WriteLine(Invariant($"   learned - {paired.FixedPolicy} (the best fixed policy), cycle by cycle: {string.Join(", ", paired.Cycles.Select(c => Signed(c.Difference)))}; ")
            + Invariant($"mean {Signed(paired.MeanDifference)}, 95% confidence interval {Signed(paired.Low)} to {Signed(paired.High)} (Student's t over {paired.Cycles.Count} cycles): {verdict}."));
    }

    private void WriteCalibration(TextWriter output)
    {
        output.WriteLine("3. Calibration: the twin's predicted latency (Physics.Expected on each request's logged context and action) against the measured one, median absolute relative error.");
        if (Calibration.Count == 0)
        {
            output.WriteLine("   (no request with a logged context)");
            output.WriteLine();
            return;
        }

        var table = new ResultTable("tier", "requests", "measured ms", "self-profiled ms", "error", "published ms", "error");
        foreach (var c in Calibration)
        {
            table.Add(c.Group, Invariant($"{c.Count}"), Invariant($"{c.MedianMeasuredMs:0.0}"), Invariant($"{c.MedianSelfProfiledMs:0.0}"), Percent(c.SelfProfiledError),
                Invariant($"{c.MedianPublishedMs:0.0}"), Percent(c.PublishedError));
        }

        output.Write(table.Plain());
        var servers = _scenario.Servers.Select(s => $"{s.Name}: self-profiled {SelfProfiledOf(s.Name)}, published {s.Profile.Name} {Invariant($"{s.Profile.GigaMacsPerSecond:0.0} GMAC/s x {s.Profile.Slots}")}");
        output.WriteLine($"   {string.Join("; ", servers)}.");
        var profiled = _scenario.Servers.Select(s => s.Name).Where(name => _profiles.Of(name).Count > 0).ToList();
        if (profiled.Any(name => !_profiles.LatestOnly.Contains(name)))
        {
            output.WriteLine("   Self-profiled: for each request, its worker's profile in force when the request was decided (observed_at - latency_ms): the last it reported at or before then (its start-up self-profile, then each in-service one it re-derived from its served passes; worker_profiles), or its earliest for a request decided before any.");
        }

        if (profiled.Where(_profiles.LatestOnly.Contains).ToList() is { Count: > 0 } latestOnly)
        {
            output.WriteLine($"   No profile history for {string.Join(", ", latestOnly)} (a database from before worker_profiles): each one's latest stored profile (nodes.measured_profile) stands in for every request of the run, not the one in force when each was decided.");
        }

        if (MissingProfiles.Count > 0)
        {
            output.WriteLine($"   No self-profile for {string.Join(", ", MissingProfiles)}: the published profile stands in for it in both columns.");
        }

        output.WriteLine("   The device tier has no self-profile: both columns use the scenario's device profile (which scripts/testbed.sh emulates with each agent's --cpu-share, unless --device-cpu host).");
        output.WriteLine();
    }

    /// <summary>
    /// The server's profiles in force from the run's first decision to its last: one, with when it was reported; or
    /// how many, their range of throughput, and when the first and the last were reported.
    /// </summary>
    private string SelfProfiledOf(string server)
    {
        var reports = _profiles.Of(server);
        if (reports.Count == 0)
        {
            return "none";
        }

        var decided = _rows.Select(r => TwinCalibration.DecidedAt(r)).DefaultIfEmpty(DateTimeOffset.MaxValue).ToList();
        var first = _profiles.InForceAt(server, decided.Min());
        var last = _profiles.InForceAt(server, decided.Max());
        var inForce = reports.Skip(first).Take(last - first + 1).ToList();
        var latest = inForce[^1].Profile;
        var shape = Invariant($" x {latest.Slots} slot(s) + {latest.ServiceOverheadMs ?? 0:0.0} ms service overhead");
        if (inForce.Count == 1)
        {
            return Invariant($"{latest.GigaMacsPerSecond:0.0} GMAC/s") + shape + Reported(inForce[0].At, " (", ")");
        }

        var speeds = inForce.Select(p => p.Profile.GigaMacsPerSecond).ToList();
        return Invariant($"{inForce.Count} profiles in force during the run, {speeds.Min():0.0}-{speeds.Max():0.0} GMAC/s (first {speeds[0]:0.0}") + Reported(inForce[0].At, ", ", "")
            + Invariant($"; last {speeds[^1]:0.0}") + Reported(inForce[^1].At, ", ", "") + ")" + shape;
    }

    /// <summary>When a profile was reported: during the run (so from served passes) or before it (at start-up); empty where not known.</summary>
    private string Reported(DateTimeOffset? at, string before, string after)
    {
        if (at is not { } time)
        {
            return "";
        }

        var during = _rows.Count > 0 && time >= _rows.Min(r => r.ObservedAt);
        return before + (during
            ? Invariant($"in service, reported {time.UtcDateTime:HH:mm:ss} UTC")
            : Invariant($"start-up, reported {time.UtcDateTime:HH:mm:ss} UTC before the run")) + after;
    }

    private static string Signed(double value) => value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    private static string Reward(PolicyResult? result) => result is null ? "n/a" : Invariant($"{result.MeanReward:0.00}");

    private static string Percent(double? share) => share is { } s ? Invariant($"{s * 100:0}%") : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
