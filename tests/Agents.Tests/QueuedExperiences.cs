using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

/// <summary>
/// An experience source whose batches are given in advance: each drain hands over the next one (empty once all
/// are gone); waiting with nothing left stops the run, as a fleet that goes quiet while its operator stops it.
/// </summary>
internal sealed class QueuedExperiences(CancellationTokenSource stopWhenEmpty) : IExperienceSource
{
    private readonly Queue<List<Experience>> _batches = new();

    public int Drains { get; private set; }

    /// <summary>Queues <paramref name="count"/> experiences of <paramref name="scenario"/>'s twin from <paramref name="seed"/>, drained together.</summary>
    public QueuedExperiences ThenBatch(Scenario scenario, int count, long seed = 7)
    {
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(seed);
        var batch = new List<Experience>();
        for (var i = 0; i < count; i++)
        {
            var action = i % twin.Actions.Count;
            var result = twin.Step(action);
            batch.Add(new Experience(request, action, result.Outcome, result.Reward, result.Next));
            request = result.Next;
        }

        _batches.Enqueue(batch);
        return this;
    }

    public void DrainInto(List<Experience> batch)
    {
        Drains++;
        if (_batches.TryDequeue(out var next))
        {
            batch.AddRange(next);
        }
    }

    public void WaitForExperiences(CancellationToken stopping)
    {
        if (_batches.Count == 0)
        {
            stopWhenEmpty.Cancel();
        }
    }
}
