using System.CommandLine;
using System.Globalization;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Logs;
using EdgeControl.Cli.Options;
using EdgeControl.Cli.Terminal;
using EdgeControl.Cli.Training;
using EdgeControl.CommandLine;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Logging;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>train --from-log</c>: retrains a learner offline from the decision log and stores it in the control plane's
/// database as a stopped training run with its checkpoint, which an admin can warm-start a run from.
/// </summary>
internal sealed class TrainFromLogCommand : ActionCommand
{
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(30);

    public TrainFromLogCommand()
        : base("train", "Train a learner offline from the decision log (passes over the logged experiences in batches), score its greedy policy on the scenario's evaluation, and store it as a stopped training run with its checkpoint, which an admin can warm-start from.")
    {
        Add(FromLog, Connection, Scenario, Agent, Since, Until, Passes, Seed, Json);
    }

    public Option<bool> FromLog { get; } = DecisionLogOptions.FromLog("learn from the control plane's decision log (rows with their request context)");

    public Option<string> Connection { get; } = DecisionLogOptions.Connection();

    public Option<LoadedScenario> Scenario { get; } = CommonOptions.Scenario();

    public Option<string> Agent { get; } = new("--agent")
    {
        HelpName = "A", Description = $"the agent to train: {string.Join(", ", LearnerCatalog.Agents)}", Required = true,
        CustomParser = r => OptionValues.OneOf(r, LearnerCatalog.Agents),
    };

    public Option<DateTimeOffset?> Since { get; } = DecisionLogOptions.Since("learn from rows observed at or after this time (ISO 8601, UTC unless an offset is given); without it: from the first row");

    public Option<DateTimeOffset?> Until { get; } = DecisionLogOptions.Until();

    public Option<int> Passes { get; } = new("--epochs")
    {
        HelpName = "N", Description = "passes over the logged experiences", CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1000), DefaultValueFactory = _ => 3,
    };

    public Option<long> Seed { get; } = new("--seed")
    {
        HelpName = "S", Description = "the learner's seed (stored with the run: a warm start rebuilds the learner with it)", CustomParser = r => OptionValueParser.WholeNumber(r, 0, long.MaxValue), DefaultValueFactory = _ => 1,
    };

    public Option<bool> Json { get; } = CommonOptions.Json();

    protected override int Run(ParseResult parsed)
    {
        var loaded = parsed.GetRequiredValue(Scenario);
        var scenario = loaded.Scenario;
        var connection = parsed.GetRequiredValue(Connection);
        var agent = parsed.GetRequiredValue(Agent);
        var (since, until) = (parsed.GetValue(Since), parsed.GetValue(Until));
        var passes = parsed.GetValue(Passes);
        var seed = parsed.GetValue(Seed);
        var startedAt = DateTimeOffset.UtcNow;
        TorchThreads.UseOne();
        using var progress = ProgressDisplay.Create(Console.Error, Console.IsErrorRedirected, QuietFor);
        try
        {
            var rows = DecisionLogRows.ReadSome(connection, since, until, progress);

            var resolver = new LoggedDecisionResolver(scenario);
            var experiences = LoggedExperiences.From(scenario, resolver.Resolve(rows));
            var skipped = rows.Count - experiences.Count;
            if (experiences.Count == 0)
            {
                return Fail(Invariant($"none of the {rows.Count:N0} rows read can be learned from ({resolver.Unresolved:N0} name a user, node or variant scenario '{scenario.Name}' lacks, the others have no request context; options --since and --until choose the rows)"));
            }

            var evaluation = PolicyEvaluation.Create(scenario);
            var learner = LearnerCatalog.Default(agent).Create(scenario, seed);
            OfflineTrainingResult result;
            try
            {
                if (learner is not ICheckpointable)
                {
                    return UsageError.Report($"option --agent: a '{agent}' learner cannot be saved as a checkpoint");
                }

                progress.Planned(passes);
                var pass = 0;
                result = OfflineTraining.Run(learner, evaluation, experiences, passes, seed,
                    evaluated: point =>
                    {
                        var scores = Invariant($"closed-loop score {point.ClosedLoopScore:0.000}, open-loop {point.Score:0.000}");
                        if (pass++ == 0)
                        {
                            progress.Note($"before training: {scores}");
                        }
                        else
                        {
                            progress.Completed(Invariant($"pass {pass - 1} of {passes}: {scores}"), running: 0);
                        }
                    },
                    learned: step => progress.Running(Invariant($"pass {step / experiences.Count + 1} of {passes}: {step % experiences.Count:N0} of {experiences.Count:N0} experiences")));
            }
            finally
            {
                (learner as IDisposable)?.Dispose();
            }

            var source = new LogTrainingSource(LogTrainingSource.DecisionLog, since, until, rows.Count, experiences.Count, skipped, passes, OfflineTraining.BatchSize(experiences.Count));
            var settings = new LogTrainingSettings(agent, Path.GetFullPath(loaded.Path), seed, experiences.Count, evaluation.ClosedLoop.Options, source);
            progress.Running("storing the run and its checkpoint");
            var runId = StoredTrainingRun.SaveAsync(connection, agent, scenario.Name, settings, result, startedAt, CancellationToken.None).GetAwaiter().GetResult();
            progress.Dispose();
            Report(scenario.Name, agent, source, result, runId, parsed.GetValue(Json));
            return 0;
        }
        catch (DecisionLogException error)
        {
            return Fail(error.Message);
        }
    }

    private static void Report(string scenario, string agent, LogTrainingSource source, OfflineTrainingResult result, Guid runId, bool json)
    {
        var final = result.Curve[^1];
        if (json)
        {
            JsonOutput.Write(new
            {
                runId,
                agent,
                scenario,
                since = source.Since,
                until = source.Until,
                rowsRead = source.RowsRead,
                rowsUsed = source.RowsUsed,
                rowsSkipped = source.RowsSkipped,
                passes = source.Passes,
                batchSize = source.BatchSize,
                learningSteps = result.Counters.RealInteractions,
                seconds = result.WallSeconds,
                closedLoopScore = final.ClosedLoopScore,
                openLoopScore = final.Score,
                curve = result.Curve.Select(p => new { learningSteps = p.RealInteractions, closedLoopScore = p.ClosedLoopScore, openLoopScore = p.Score }),
            });
            return;
        }

        Console.WriteLine(Invariant($"Trained {agent} on scenario '{scenario}' from the decision log: {source.RowsRead:N0} rows read, {source.RowsUsed:N0} used, {source.RowsSkipped:N0} skipped (no request context, or unknown to the scenario)."));
        Console.WriteLine(Invariant($"{source.Passes} passes, {source.BatchSize} experience(s) per learning turn ({result.Counters.RealInteractions:N0} learning steps) in {result.WallSeconds:0.0} s."));
        Console.WriteLine(Invariant($"greedy policy: closed-loop score {final.ClosedLoopScore:0.000}, open-loop score {final.Score:0.000} (random 0, oracle 1; the scenario's evaluation, as the bench and the dashboard score)"));
        Console.WriteLine($"stored as training run {runId} (stopped, with its checkpoint): a warm start of {agent} on '{scenario}' picks it while it is that learner's latest checkpoint on the scenario.");
        Console.WriteLine(runId);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"edgecontrol: train: {message}.");
        return 1;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
