namespace EdgeControl.Cli.OffPolicy;

/// <summary>The logging policy never took an action the candidate takes: importance weights are all zero and no estimate means anything.</summary>
internal sealed class NoOverlapException(int rows)
    : Exception($"none of the {rows} usable logged decisions took an action the candidate policy would take, so the log says nothing about it (no overlap)")
{
    public int Rows { get; } = rows;
}
