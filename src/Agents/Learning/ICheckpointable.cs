namespace EdgeControl.Agents.Learning;

/// <summary>A learner whose whole learned state (weights, optimizer state, counters, model) can be saved and restored.</summary>
public interface ICheckpointable
{
    void Save(BinaryWriter writer);

    /// <summary>Restores a state saved by a learner built with the same scenario shape and options.</summary>
    void Load(BinaryReader reader);
}
