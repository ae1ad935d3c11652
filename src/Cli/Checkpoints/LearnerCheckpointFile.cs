using System.Text.Json;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;
using EdgeControl.Core.Domain;

namespace EdgeControl.Cli.Checkpoints;

/// <summary>
/// A trained learner in one file: a JSON line saying what it is (<see cref="CheckpointHeader"/>, readable with
/// <c>head -1</c>), then the learner's state as <see cref="Checkpoint"/> writes it (the format the web app stores in
/// PostgreSQL). <c>bench run-one --save-checkpoint</c> writes it; <c>simulate --checkpoint</c> reads it.
/// </summary>
internal static class LearnerCheckpointFile
{
    public const string Format = "edgecontrol-learner-checkpoint";
    public const int Version = 1;

    // A header is a few hundred bytes; a file without a newline this early is not a checkpoint.
    private const int MaxHeaderBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static void Write(string path, CheckpointHeader header, ICheckpointable learner)
    {
        ArgumentNullException.ThrowIfNull(header);
        var state = Checkpoint.ToBytes(learner);
        using var stream = File.Create(path);
        stream.Write(JsonSerializer.SerializeToUtf8Bytes(header, Json));
        stream.WriteByte((byte)'\n');
        stream.Write(state);
    }

    /// <summary>
    /// The learner saved in <paramref name="path"/>, rebuilt with its setting and ready to decide on
    /// <paramref name="scenario"/>; the caller disposes it.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is no checkpoint, is damaged, or fits another scenario shape; the message says which.</exception>
    public static (CheckpointHeader Header, ILearner Learner) Load(string path, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var bytes = File.ReadAllBytes(path);
        var header = ReadHeader(bytes, out var stateStart);
        var shape = ScenarioShape.Of(scenario);
        if (header.Shape != shape)
        {
            throw new InvalidDataException(
                $"was trained on '{header.Scenario}' ({header.Shape}) and cannot decide on '{scenario.Name}' ({shape})");
        }

        var setting = Setting(header);
        var learner = setting.Create(scenario, header.Seed);
        try
        {
            var checkpointable = learner as ICheckpointable
                ?? throw new InvalidDataException($"holds a '{header.Agent}' learner, which cannot load a checkpoint");
            Checkpoint.FromBytes(checkpointable, bytes[stateStart..]);
            return (header, learner);
        }
        catch
        {
            (learner as IDisposable)?.Dispose();
            throw;
        }
    }

    private static CheckpointHeader ReadHeader(byte[] bytes, out int stateStart)
    {
        const string notOne = "is not an EdgeControl learner checkpoint (bench run-one --save-checkpoint FILE writes one)";
        var newline = Array.IndexOf(bytes, (byte)'\n', 0, Math.Min(bytes.Length, MaxHeaderBytes));
        CheckpointHeader? header = null;
        try
        {
            header = newline < 0 ? null : JsonSerializer.Deserialize<CheckpointHeader>(bytes.AsSpan(0, newline), Json);
        }
        catch (JsonException)
        {
            // Not JSON, or JSON of something else: either way not a checkpoint.
        }

        if (header is null || header.Format != Format)
        {
            throw new InvalidDataException(notOne);
        }

        if (header.Version != Version)
        {
            throw new InvalidDataException($"is a learner checkpoint of format version {header.Version}; this edgecontrol reads version {Version}");
        }

        stateStart = newline + 1;
        return header;
    }

    private static LearnerSetting Setting(CheckpointHeader header)
    {
        var setting = LearnerSettings.Find(header.Agent, header.Setting);
        return setting is not null && setting.Label == header.SettingLabel
            ? setting
            : throw new InvalidDataException(
                $"holds a '{header.Agent}' learner with setting '{header.Setting}' ({header.SettingLabel}), which this edgecontrol's learner catalog does not have");
    }
}
