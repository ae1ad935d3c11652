using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Learning;

/// <summary>Writes and restores a learner's exploration generator, so a loaded learner explores as the saved one would have.</summary>
public static class GeneratorCheckpoint
{
    public static void WriteGenerator(this BinaryWriter writer, Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rng);
        var (a, b, c, d) = rng.State;
        writer.Write(a);
        writer.Write(b);
        writer.Write(c);
        writer.Write(d);
    }

    public static void ReadGenerator(this BinaryReader reader, Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(rng);
        rng.State = (reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64());
    }
}
