using EdgeControl.Agents.Training;

namespace EdgeControl.Web.Training;

/// <summary>What the orchestrator learns on and how fast; section <c>Orchestrator</c>.</summary>
internal sealed class OrchestratorOptions
{
    public const string SectionName = "Orchestrator";

    /// <summary>False: no training run is started or resumed (tests that do not need one).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Scenario file; a relative path is resolved against the content root (src/Web under ./run.sh and tests).</summary>
    public string ScenarioPath { get; set; } = Path.Combine("..", "..", "scenarios", "paper-mobilenet.json");

    /// <summary>Where the scenarios an admin may start a run on live (relative: against the content root).</summary>
    public string ScenariosDirectory { get; set; } = Path.Combine("..", "..", "scenarios");

    /// <summary>A learner of the agents' catalog; a resumed run keeps the learner it was started with.</summary>
    public string Agent { get; set; } = "hl";

    public long Seed { get; set; } = 1;

    /// <summary>"twin" (learn on the digital twin, plus any connected devices) or "live" (only from connected devices).</summary>
    public string Mode { get; set; } = RunSettings.TwinMode;

    /// <summary>Real steps per second on the twin, so a person can watch it learn; 0 runs unpaced.</summary>
    public double StepsPerSecond { get; set; } = 20;

    /// <summary>
    /// Real steps between evaluations of the greedy policy (one learning-curve point each, and a newly published
    /// serving policy) at the start of a run: the base of the schedule the bench uses too, whose interval grows with
    /// the step count (100 from 1,000 steps, 1,000 from 10,000, ...; never below this) up to <see cref="LongestEvaluationInterval"/>.
    /// </summary>
    public long EvaluateEvery { get; set; } = 100;

    /// <summary>
    /// The longest interval, in real steps, the evaluation schedule grows to (never below <see cref="EvaluateEvery"/>),
    /// so a run that goes on for days keeps publishing its policy: at 3,000 device outcomes a second, 10,000 is an
    /// evaluation every 3 s, a small share of the learning thread; on the twin at 20 steps a second, one every 8 minutes.
    /// </summary>
    public long LongestEvaluationInterval { get; set; } = EvaluationSchedule.DefaultLongestInterval;

    /// <summary>How many trajectories and requests the closed-loop score of each evaluation takes.</summary>
    public ClosedLoopEvaluationOptions ClosedLoop { get; set; } = new();

    /// <summary>Real steps between checkpoints, but never more often than <see cref="CheckpointAtMostEvery"/>; one is also written on shutdown.</summary>
    public long CheckpointEvery { get; set; } = 500;

    /// <summary>
    /// The shortest time between two checkpoints taken by <see cref="CheckpointEvery"/> (the one on shutdown is always
    /// written). On the twin 500 steps take 25 s, so there it changes nothing; but a fleet reporting 3,000 outcomes a second passes them six times a
    /// second: a checkpoint (the whole learner, megabytes for hl) serialized and written to PostgreSQL each time, which
    /// was most of the control plane's large-object allocation under load and set off a full background GC every few
    /// seconds (docs/results/control-plane/bench-hub-3000.txt, section 8). Zero: by steps alone.
    /// </summary>
    public TimeSpan CheckpointAtMostEvery { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Devices are served the weight average of the policies the run published within this window, not the newest
    /// alone (<see cref="Decisions.ServingAverage"/>): at a fleet's rate a policy is published every few seconds, and the
    /// newest can be one of the learner's swings (on the live testbed a frozen last publication served -0.62 where the
    /// policies before it had -0.43). Publications further apart (the twin late in a run) are served one by one. Zero:
    /// the newest alone.
    /// </summary>
    public TimeSpan ServingAverageOver { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Serving before learning when the machine is short of CPU (<see cref="LearningGovernor"/>): while the rest of the
    /// machine leaves less than this fraction of its CPU idle, the live learner keeps to <see cref="LearnerMinimumShare"/>
    /// of its thread's time; the outcomes wait in the decision log meanwhile. 0: the learner never rests (its nice 19 alone).
    /// </summary>
    public double LearnerIdleFloor { get; set; } = 0.25;

    /// <summary>The share of its thread's time the live learner keeps while serving needs the machine (see <see cref="LearnerIdleFloor"/>).</summary>
    public double LearnerMinimumShare { get; set; } = 0.05;

    /// <summary>Checkpoints kept per run: the latest this many, plus the run's best-scoring one; older ones are deleted.</summary>
    public int CheckpointsKept { get; set; } = 5;

    /// <summary>
    /// Curve points a run holds while the database is away (about 100 bytes each; one per <see cref="EvaluateEvery"/>
    /// steps). Past this the oldest waiting point is dropped (counted in the log); checkpoints never queue up: only
    /// the latest unsaved one waits, since it supersedes the others.
    /// </summary>
    public int MaxQueuedCurvePoints { get; set; } = 10_000;
}
