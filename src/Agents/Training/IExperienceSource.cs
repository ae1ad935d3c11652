using EdgeControl.Agents.Learning;

namespace EdgeControl.Agents.Training;

/// <summary>Real interactions that happen outside the training loop (a connected fleet's measured outcomes).</summary>
public interface IExperienceSource
{
    /// <summary>Moves every experience waiting now into <paramref name="batch"/>, oldest first; never blocks.</summary>
    void DrainInto(List<Experience> batch);

    /// <summary>Blocks until an experience is waiting or <paramref name="stopping"/> is cancelled (then it returns, not throws).</summary>
    void WaitForExperiences(CancellationToken stopping);
}
