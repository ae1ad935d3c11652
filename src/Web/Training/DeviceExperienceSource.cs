using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.Web.DeviceHub;

namespace EdgeControl.Web.Training;

/// <summary>
/// The outcomes connected devices reported, as experiences for the training loop of a run on <paramref name="scenario"/>;
/// outcomes decided under another scenario (a run started since) do not fit its learner's inputs and are left out.
/// </summary>
internal sealed class DeviceExperienceSource(LiveExperiences live, Scenario scenario) : IExperienceSource
{
    private readonly int _actions = new ActionSpace(scenario).Count;

    public void DrainInto(List<Experience> batch)
    {
        while (live.Reader.TryRead(out var experience))
        {
            if (Fits(experience))
            {
                // A device does not report its user's next request; the request itself stands in (the learners'
                // discount is 0 or small, so the next state barely matters).
                batch.Add(new Experience(experience.Request, experience.Action, experience.Outcome, experience.Reward, experience.Request));
            }
        }
    }

    public void WaitForExperiences(CancellationToken stopping)
    {
        try
        {
            live.Reader.WaitToReadAsync(stopping).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopping: the training loop sees the token.
        }
    }

    private bool Fits(LiveExperience experience) =>
        experience.Request.User < scenario.Users.Count
        && experience.Request.ServerLoads.Length == scenario.Servers.Count
        && experience.Action < _actions;
}
