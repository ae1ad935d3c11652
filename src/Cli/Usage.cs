namespace EdgeControl.Cli;

internal static class Usage
{
    public static int Print(TextWriter output, int exitCode)
    {
        output.WriteLine("""
            edgecontrol: EdgeControl's command line

              scenario validate FILE
                  Check a scenario file; prints a summary, or the offending field and exit code 2.

              simulate --scenario FILE --policy oracle|random|local|edge|cloud|greedy --requests N [--seed S] [--json]
                  Run a non-learning policy on the digital twin: mean latency, device energy,
                  accuracy-violation rate, mean reward and normalised score (random 0, oracle 1).

              bench sim --scenario FILE [--steps N] [--json]
                  Simulator steps per second on one thread.

              bench convergence --scenario FILE --agents qlearning,dqn,hl --seeds N --max-interactions M --out DIR
                                [--eval-every E] [--no-sweep] [--stop-when-held S] [--jobs J] [--json]
                  The convergence experiment. Each baseline is first tuned over its documented sweep on
                  tuning seed 1000 (skip with --no-sweep: default settings); then every agent trains on
                  seeds 1..N for M real interactions, evaluated every E (default 25, growing with the
                  step count). J runs at a time in child processes (default: one per core).
                  --stop-when-held S ends a run once it holds score S (its final score is then the
                  score where it stopped); runs that never hold S go on to M.
                  Prints real interactions to hold 0.95 (and 0.90, 0.98), final score, cost of learning
                  and speedups of hl over the baselines; writes DIR/results.json, curves.csv, curves.svg
                  (and sweep.csv). --json prints results.json instead of the table.

              bench decide --scenario FILE [--agent hl|dqn|qlearning] [--train-steps N] [--decisions N] [--json]
                  Latency of one greedy decision (p50, p99, mean in microseconds) and batched
                  decisions per second, after training the default setting N real steps (default 500).

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
