using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

/// <summary>A "learner" that always plays the oracle's action, exploring or not.</summary>
internal sealed class OracleLearner(Scenario scenario) : ILearner
{
    private readonly OraclePolicy _oracle = new(scenario);

    public string Name => "oracle";

    public long RealSteps { get; private set; }

    public int Act(Observation request, bool explore) => _oracle.Decide(request);

    public void Learn(Experience experience) => RealSteps++;
}
