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
            """);
        return exitCode;
    }
}
