using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

/// <summary>Real (simulated) experience of uniformly random actions on a scenario's twin.</summary>
internal static class RandomTransitions
{
    public static List<Experience> Collect(Scenario scenario, int count, long seed)
    {
        var twin = new EdgeCloudTwin(scenario);
        var rng = new Xoshiro256(seed);
        var request = twin.Reset(seed);
        var experience = new List<Experience>(count);
        for (var i = 0; i < count; i++)
        {
            var action = rng.NextInt(twin.Actions.Count);
            var result = twin.Step(action);
            experience.Add(new Experience(request, action, result.Outcome, result.Reward, result.Next));
            request = result.Next;
        }

        return experience;
    }
}
