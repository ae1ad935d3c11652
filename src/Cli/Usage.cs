namespace EdgeControl.Cli;

internal static class Usage
{
    public static int Print(TextWriter output, int exitCode)
    {
        output.WriteLine("""
            edgecontrol: EdgeControl's command line

              scenario validate FILE
                  Check a scenario file; prints a summary, or the offending field and exit code 2.

              simulate --scenario FILE (--policy oracle|random|local|edge|cloud|greedy|load-aware | --checkpoint FILE)
                       [--requests N] [--seed S] [--closed-loop-seeds K] [--closed-loop-warm-up W] [--closed-loop-requests R] [--json]
                  Run a policy on the digital twin for N requests (default 10000) from seed S (default: the
                  scenario's): mean latency, device energy, accuracy and SLO misses, mean reward, placements.
                  Then its two scores (random 0, oracle 1), both from the scenario's evaluation seeds, not S:
                  closed loop, the policy on its own trajectories of the twin (K seeds x R requests after W
                  warm-up; default 4 x 2000 after 500), with its standard error, mean latency and miss rate;
                  open loop, each action alone on the fixed evaluation set. --checkpoint runs a trained
                  learner's greedy policy (a file written by bench run-one --save-checkpoint) on a scenario
                  of the shape it was trained on (servers, device classes, variants).

              bench sim --scenario FILE [--steps N] [--json]
                  Simulator steps per second on one thread.

              bench convergence --scenario FILE --agents qlearning,dqn,hl --seeds N --max-interactions M --out DIR
                                [--eval-every E] [--no-sweep] [--stop-when-held S] [--jobs J] [--json]
                  The convergence experiment. Each baseline is first tuned over its documented sweep on
                  tuning seed 1000 (skip with --no-sweep: default settings); the winner holds 0.95 closed
                  loop in the fewest real interactions. Then every agent trains on seeds 1..N for M real
                  interactions, its greedy policy scored closed loop and open loop every E (default 25,
                  growing with the step count). J runs at a time in child processes (default: one per core).
                  --stop-when-held S ends a run once it holds score S in both loops (its final scores are
                  then the scores where it stopped); runs that never hold S go on to M.
                  Prints, closed loop first and then open loop, real interactions to hold 0.95 (and 0.90,
                  0.98), final score, cost of learning and speedups of hl over the baselines, and the
                  non-learning policies (the best judged closed loop); writes DIR/results.json, curves.csv,
                  curves.svg (and sweep.csv). --json prints results.json instead of the table.

              bench run-one --scenario FILE --agent A [--setting default|INDEX] [--seed S] [--max-interactions M]
                            [--eval-every E] [--stop-at S] [--save-checkpoint FILE]
                  One training run of the convergence experiment (what its child processes run): agent A at
                  its default setting or at sweep setting INDEX, on seed S (default 1), for M real
                  interactions (default 10000). Progress lines on stderr, the learning curve as one JSON
                  line on stdout. --save-checkpoint writes the trained learner for simulate --checkpoint.

              bench decide --scenario FILE [--agent hl|dqn|qlearning] [--train-steps N] [--decisions N] [--json]
                  Latency of one greedy decision (p50, p99, mean in microseconds), batched decisions per
                  second, and the time of one evaluation during training (closed loop and open loop),
                  after training the default setting N real steps (default 500).

              bench ingest --server URL --token T [--rows N] [--batch B] [--concurrency C] [--json]
                  Decision-log ingest of a running control plane over HTTP: registers C devices with
                  registration token T (default 4), posts N telemetry rows (default 200000) in batches
                  of B (1-1000, default 1000) as fast as the server answers (after 8 untimed warm-up
                  batches per device), and prints rows stored/s, batches/s and batch latency p50/p99.
                  Exit 1 if the server stored another count.
            """);
        return exitCode;
    }
}
