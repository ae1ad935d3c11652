using System.Text;

namespace EdgeControl.Agents.Learning;

/// <summary>Checkpoints of learners as byte arrays or files, stamped with the learner's name and a format version.</summary>
public static class Checkpoint
{
    private const string Magic = "EDGECONTROL-CHECKPOINT";
    // 2: the model ensemble is one batched network with one optimizer (was five networks, five optimizers); DQN and hybrid agents save their shared core first.
    private const int Version = 2;

    /// <summary>
    /// The checkpoint as one array of exactly its length: the learner is written twice, first only counted. A learner's
    /// checkpoint is megabytes and the control plane takes one every few seconds at fleet rate; a stream grown by
    /// doubling, then copied out, allocated up to four times that on the large-object heap (9-12 MB/s at 3,000 devices,
    /// docs/results/control-plane/bench-hub-3000.txt section 11), and writing it costs far less than collecting it.
    /// </summary>
    public static byte[] ToBytes(ICheckpointable learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        var counted = new CountingStream();
        Write(learner, counted);
        var checkpoint = GC.AllocateUninitializedArray<byte>(checked((int)counted.Length));
        using var stream = new MemoryStream(checkpoint, writable: true);
        Write(learner, stream);
        if (stream.Position != checkpoint.Length)
        {
            throw new InvalidOperationException($"learner '{NameOf(learner)}' wrote {counted.Length} bytes, then {stream.Position}: a checkpoint must not change while it is taken");
        }

        return checkpoint;
    }

    public static void FromBytes(ICheckpointable learner, byte[] checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var stream = new MemoryStream(checkpoint, writable: false);
        Read(learner, stream);
    }

    public static void Save(ICheckpointable learner, string path)
    {
        using var stream = File.Create(path);
        Write(learner, stream);
    }

    public static void Load(ICheckpointable learner, string path)
    {
        using var stream = File.OpenRead(path);
        Read(learner, stream);
    }

    private static void Write(ICheckpointable learner, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(learner);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(NameOf(learner));
        learner.Save(writer);
    }

    private static void Read(ICheckpointable learner, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(learner);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            ReadHeader(learner, reader);
            learner.Load(reader);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            // A short or scrambled file runs out or breaks a length prefix before any field can be checked.
            throw new InvalidDataException("the checkpoint is truncated or corrupt", e);
        }
    }

    private static void ReadHeader(ICheckpointable learner, BinaryReader reader)
    {
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException("not an EdgeControl checkpoint");
        }

        var version = reader.ReadInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"checkpoint format {version} is not supported (expected {Version})");
        }

        var name = reader.ReadString();
        if (name != NameOf(learner))
        {
            throw new InvalidDataException($"checkpoint of a '{name}' learner cannot be loaded into a '{NameOf(learner)}' learner");
        }
    }

    private static string NameOf(ICheckpointable learner) => learner is ILearner l ? l.Name : learner.GetType().Name;
}
