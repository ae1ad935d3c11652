using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;

namespace EdgeControl.Cli.Training;

/// <summary>
/// Logged experiences handed to the training loop as a fleet's would be: a batch per turn, in log order, pass after
/// pass. A batch never spans two passes, so the evaluation due at the end of a pass sees exactly that pass.
/// </summary>
internal sealed class LoggedExperienceSource(IReadOnlyList<Experience> experiences, int passes, int batchSize) : IExperienceSource
{
    private int _pass;
    private int _next;

    public long Total => (long)experiences.Count * passes;

    public void DrainInto(List<Experience> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_pass >= passes)
        {
            return;
        }

        var count = Math.Min(batchSize, experiences.Count - _next);
        for (var i = 0; i < count; i++)
        {
            batch.Add(experiences[_next + i]);
        }

        _next += count;
        if (_next == experiences.Count)
        {
            (_pass, _next) = (_pass + 1, 0);
        }
    }

    /// <summary>Nothing more arrives: the loop stops once it has learned <see cref="Total"/>, so this returns at once.</summary>
    public void WaitForExperiences(CancellationToken stopping)
    {
    }
}
