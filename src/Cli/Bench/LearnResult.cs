namespace EdgeControl.Cli.Bench;

/// <summary>What <c>bench learn</c> measured: the learner's throughput, how the experiences were batched, and the greedy policy's scores at the end.</summary>
internal sealed record LearnResult(
    long Experiences,
    double Seconds,
    long Batches,
    int LargestBatch,
    double ClosedLoopScore,
    double OpenLoopScore)
{
    public double ExperiencesPerSecond => Experiences / Seconds;

    public double MeanBatchSize => Batches == 0 ? 0 : (double)Experiences / Batches;
}
