namespace EdgeControl.Cli.Bench;

/// <summary>
/// What an ingest run measured. <paramref name="TimedStored"/> counts the rows the server said it stored during the
/// timed phase; <paramref name="TotalStored"/> adds the warm-up rows, so it must equal rows + warm-up rows.
/// </summary>
internal sealed record IngestResult(
    long Rows,
    long Batches,
    int Concurrency,
    long TimedStored,
    long TotalStored,
    long Duplicates,
    long WarmUpRows,
    TimeSpan Elapsed,
    double P50Ms,
    double P99Ms)
{
    public double RowsPerSecond => TimedStored / Elapsed.TotalSeconds;

    public double BatchesPerSecond => Batches / Elapsed.TotalSeconds;

    public bool AllStored => TotalStored == Rows + WarmUpRows && Duplicates == 0;
}
