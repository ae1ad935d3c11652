using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>Real-looking experience for a learner in a test: uniformly random actions on the scenario's twin.</summary>
internal static class RandomTwinExperience
{
    public static Experience[] Collect(Scenario scenario, int count, long seed)
    {
        var twin = new EdgeCloudTwin(scenario);
        var rng = new Xoshiro256(seed);
        var request = twin.Reset(seed);
        var experience = new Experience[count];
        for (var i = 0; i < count; i++)
        {
            var action = rng.NextInt(twin.Actions.Count);
            var result = twin.Step(action);
            experience[i] = new Experience(request, action, result.Outcome, result.Reward, result.Next);
            request = result.Next;
        }

        return experience;
    }
}
