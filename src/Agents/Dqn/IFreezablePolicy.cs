namespace EdgeControl.Agents.Dqn;

/// <summary>A learner whose policy can be taken out as a thread-safe copy that later learning does not change.</summary>
public interface IFreezablePolicy
{
    /// <summary>
    /// Everything a control plane serves from, frozen now: the policy and, when the learner has a fitted environment
    /// model, a copy of it for outcome predictions. Call on the thread that owns the learner; no second learner needed.
    /// </summary>
    ServingSnapshot Snapshot();
}
