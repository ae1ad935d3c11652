using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

/// <summary>The oracle as a "learner" that records how it was handed its experiences: one entry per call, its size.</summary>
internal sealed class BatchRecordingLearner(Scenario scenario) : ILearner
{
    private readonly OracleLearner _oracle = new(scenario);

    public string Name => "batch-recording";

    public long RealSteps { get; private set; }

    /// <summary>The size of each handover, in order (1 for a single experience).</summary>
    public List<int> Handovers { get; } = [];

    public int Act(Observation request, bool explore) => _oracle.Act(request, explore);

    public void Learn(Experience experience)
    {
        Handovers.Add(1);
        RealSteps++;
    }

    public void Learn(ReadOnlySpan<Experience> batch)
    {
        Handovers.Add(batch.Length);
        RealSteps += batch.Length;
    }
}
