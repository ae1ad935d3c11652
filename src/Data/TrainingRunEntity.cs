namespace EdgeControl.Data;

/// <summary>One training run of one learner on one scenario, as stored.</summary>
public sealed class TrainingRunEntity
{
    public Guid Id { get; set; }

    /// <summary>A learner name of the agents' catalog (hl, dqn, qlearning, ...).</summary>
    public required string Agent { get; set; }

    public required string ScenarioName { get; set; }

    /// <summary>One of <see cref="TrainingRunStatuses"/>.</summary>
    public string Status { get; set; } = TrainingRunStatuses.Running;

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Real interactions learned from so far (planning steps on the learned model never count).</summary>
    public long RealInteractions { get; set; }

    /// <summary>Best open-loop normalised score of the greedy policy so far; null before the first evaluation.</summary>
    public double? BestScore { get; set; }

    /// <summary>Best closed-loop normalised score of the greedy policy so far; null before the first evaluation that measured it.</summary>
    public double? BestClosedLoopScore { get; set; }

    /// <summary>The options the run was started with, as JSON.</summary>
    public required string Options { get; set; }
}
