namespace EdgeControl.Agents.Learning;

/// <summary>A learner with a training loss worth plotting beside its learning curve.</summary>
public interface IReportsLoss
{
    double LastLoss { get; }
}
