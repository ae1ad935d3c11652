using System.CommandLine;
using System.Globalization;
using EdgeControl.Agents.Learning;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Logs;
using EdgeControl.Cli.OffPolicy;
using EdgeControl.Cli.Options;
using EdgeControl.Cli.Terminal;
using EdgeControl.Cli.Training;
using EdgeControl.CommandLine;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>evaluate --from-log</c>: what a candidate policy's mean reward would have been on the logged requests, estimated
/// from the decision log alone (inverse propensity and doubly robust), with 95% confidence intervals.
/// </summary>
internal sealed class EvaluateFromLogCommand : ActionCommand
{
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(30);

    public EvaluateFromLogCommand()
        : base("evaluate", "Estimate a policy's mean reward per request from the decision log (off-policy: inverse propensity, self-normalised, doubly robust with the hybrid agent's learned model), each with its 95% confidence interval, beside the logged policy's own mean.")
    {
        Add(FromLog, Connection, Scenario, Policy, Since, Until, Seed, Json);
    }

    public Option<bool> FromLog { get; } = DecisionLogOptions.FromLog("estimate from the control plane's decision log (rows with their request context and action probability)");

    public Option<string> Connection { get; } = DecisionLogOptions.Connection();

    public Option<LoadedScenario> Scenario { get; } = CommonOptions.Scenario();

    public Option<CandidateName> Policy { get; } = new("--policy")
    {
        HelpName = "P", Description = $"the policy to estimate: {CandidateName.Accepted}", Required = true, CustomParser = CandidateName.Parse,
    };

    public Option<DateTimeOffset?> Since { get; } = DecisionLogOptions.Since("read rows observed at or after this time (ISO 8601, UTC unless an offset is given); without it: from the first row");

    public Option<DateTimeOffset?> Until { get; } = DecisionLogOptions.Until();

    public Option<long> Seed { get; } = new("--seed")
    {
        HelpName = "S", Description = "seed of the reward model's fit (and of the random policy)", CustomParser = r => OptionValueParser.WholeNumber(r, 0, long.MaxValue), DefaultValueFactory = _ => 1,
    };

    public Option<bool> Json { get; } = CommonOptions.Json();

    protected override int Run(ParseResult parsed)
    {
        var scenario = parsed.GetRequiredValue(Scenario).Scenario;
        var connection = parsed.GetRequiredValue(Connection);
        var name = parsed.GetRequiredValue(Policy);
        var (since, until) = (parsed.GetValue(Since), parsed.GetValue(Until));
        var seed = parsed.GetValue(Seed);
        TorchThreads.UseOne();
        using var progress = ProgressDisplay.Create(Console.Error, Console.IsErrorRedirected, QuietFor);
        ILearner? learner = null;
        try
        {
            var rows = DecisionLogRows.ReadSome(connection, since, until, progress);

            var logged = LoggedSamples.From(scenario, rows);
            if (logged.Samples.Count == 0)
            {
                return Fail(Invariant($"none of the {rows.Count:N0} rows read can be weighed: {Skips(logged)} (options --since and --until choose the rows)"));
            }

            CandidatePolicy candidate;
            if (name.Run is { } runId)
            {
                learner = StoredRunLearner.LoadAsync(connection, runId, scenario, CancellationToken.None).GetAwaiter().GetResult();
                candidate = new CandidatePolicy.Deterministic(name.Text, learner.ActGreedy);
            }
            else if (Candidate(name.Text, scenario, seed) is { } fixedCandidate)
            {
                candidate = fixedCandidate;
            }
            else
            {
                return UsageError.Report($"option --policy names '{name.Text}', which scenario '{scenario.Name}' cannot run (it has no server of that tier)");
            }

            progress.Running(Invariant($"fitting the reward model on {logged.Samples.Count:N0} rows (two halves, cross-fitted)"));
            using var model = CrossFittedRewardModel.Fit(scenario, logged.Samples, seed);
            var estimate = OffPolicyEstimator.Estimate(logged.Samples, candidate, model);
            progress.Dispose();
            Report(scenario, logged, estimate, since, until, parsed.GetValue(Json));
            return 0;
        }
        catch (DecisionLogException error)
        {
            return Fail(error.Message);
        }
        catch (NoOverlapException error)
        {
            return Fail($"option --policy: {error.Message}; a log of an exploring policy (or a longer window) is needed");
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }
    }

    /// <summary>A non-learning candidate; null when the scenario cannot run it (a fixed tier it has no server of).</summary>
    private static CandidatePolicy? Candidate(string name, Scenario scenario, long seed)
    {
        if (name == CandidatePolicy.Logged.PolicyName)
        {
            return new CandidatePolicy.Logged();
        }

        if (name == "random")
        {
            return new CandidatePolicy.Uniform(new ActionSpace(scenario).Count);
        }

        try
        {
            var policy = PolicyFactory.Create(name, scenario, seed);
            return new CandidatePolicy.Deterministic(name, requests => requests.Select(policy.Decide).ToArray());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static void Report(Scenario scenario, LoggedSamples logged, OffPolicyEstimate estimate, DateTimeOffset? since, DateTimeOffset? until, bool json)
    {
        if (json)
        {
            JsonOutput.Write(new
            {
                policy = estimate.Policy,
                scenario = scenario.Name,
                since,
                until,
                rowsRead = logged.Read,
                rowsUsed = estimate.Rows,
                rowsSkipped = logged.Skipped,
                skipped = new { unknownToScenario = logged.Unresolved, withoutContext = logged.WithoutContext, withoutProbability = logged.WithoutProbability },
                matched = estimate.Matched,
                effectiveSampleSize = estimate.EffectiveSampleSize,
                interval = "95%, normal approximation from the per-row terms",
                drModel = "environment model of the hybrid agent, cross-fitted on two halves",
                logged = AsJson(estimate.Logged),
                ips = AsJson(estimate.Ips),
                selfNormalisedIps = AsJson(estimate.SelfNormalisedIps),
                doublyRobust = AsJson(estimate.DoublyRobust),
            });
            return;
        }

        var window = $"{since?.ToString("O", CultureInfo.InvariantCulture) ?? "the first row"} to {until?.ToString("O", CultureInfo.InvariantCulture) ?? "the last row"}";
        Console.WriteLine($"Off-policy estimate of '{estimate.Policy}' on scenario '{scenario.Name}' from the decision log ({window}).");
        Console.WriteLine(Invariant($"rows: {logged.Read:N0} read, {estimate.Rows:N0} used, {logged.Skipped:N0} skipped ({Skips(logged)})"));
        Console.WriteLine(Invariant($"matched: {estimate.Matched:N0} of {estimate.Rows:N0} logged actions are ones '{estimate.Policy}' takes; effective sample size {estimate.EffectiveSampleSize:N1}"));
        var table = new ResultTable("estimate", "mean reward", "95% interval");
        table.Add("logged policy (its own rewards)", Number(estimate.Logged.Estimate), Range(estimate.Logged));
        table.Add($"IPS of '{estimate.Policy}'", Number(estimate.Ips.Estimate), Range(estimate.Ips));
        table.Add($"self-normalised IPS of '{estimate.Policy}'", Number(estimate.SelfNormalisedIps.Estimate), Range(estimate.SelfNormalisedIps));
        table.Add($"doubly robust of '{estimate.Policy}'", Number(estimate.DoublyRobust.Estimate), Range(estimate.DoublyRobust));
        Console.Write(table.Plain());
        Console.WriteLine("Intervals: 95%, normal approximation (estimate +- 1.96 standard errors of the per-row terms; self-normalised IPS by the");
        Console.WriteLine("delta method). Doubly robust: the hybrid agent's environment model, fitted on one half of the rows and predicting the other.");
        Console.WriteLine("Valid if the logged probabilities are those the logging policy used and it gave every action the candidate takes a");
        Console.WriteLine("positive probability; it estimates the mean reward on the logged requests, not the contention the candidate would cause.");
        if (estimate.EffectiveSampleSize < 30)
        {
            Console.WriteLine(Invariant($"Few rows carry the estimate (effective sample size {estimate.EffectiveSampleSize:N1} < 30): the normal approximation is rough."));
        }
    }

    private static object AsJson(ConfidenceInterval interval) => new { estimate = interval.Estimate, low = interval.Low, high = interval.High, standardError = interval.StandardError };

    private static string Skips(LoggedSamples logged) =>
        Invariant($"{logged.WithoutProbability:N0} without an action probability, {logged.WithoutContext:N0} without a request context, {logged.Unresolved:N0} naming a user, node or variant the scenario lacks");

    private static string Number(double value) => Invariant($"{value:0.0000}");

    private static string Range(ConfidenceInterval interval) => Invariant($"[{interval.Low:0.0000}, {interval.High:0.0000}]");

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"edgecontrol: evaluate: {message}.");
        return 1;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
