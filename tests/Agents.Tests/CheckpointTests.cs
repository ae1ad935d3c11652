using System.Text;
using EdgeControl.Agents.Dqn;
using EdgeControl.Agents.Features;
using EdgeControl.Agents.Hybrid;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Model;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

[Collection(SerialTorchSharp.Name)]
public sealed class CheckpointTests
{
    private static readonly Lazy<PolicyEvaluation> Evaluation = new(() => PolicyEvaluation.Create(Scenarios.Paper, Scenarios.QuickClosedLoop));

    public static TheoryData<string, string> LearnersAndDamage()
    {
        var data = new TheoryData<string, string>();
        foreach (var agent in new[] { "qlearning", "dqn", "hl" })
        {
            foreach (var damage in new[] { "empty", "text", "random bytes", "truncated" })
            {
                data.Add(agent, damage);
            }
        }

        return data;
    }

    [Theory]
    [InlineData("qlearning")]
    [InlineData("dqn")]
    [InlineData("hl")]
    public void A_learner_restored_from_bytes_into_one_with_another_seed_has_the_same_Q_values_and_greedy_actions(string agent)
    {
        using var trained = Trained(agent);
        using var restored = new Learner(agent, seed: 99);
        Assert.NotEqual(trained.Greedy(), restored.Greedy());

        Checkpoint.FromBytes(restored.Checkpointable, Checkpoint.ToBytes(trained.Checkpointable));

        AssertSameState(trained, restored);
    }

    [Theory]
    [InlineData("qlearning")]
    [InlineData("dqn")]
    [InlineData("hl")]
    public void A_checkpoint_in_memory_is_exactly_the_bytes_of_its_file(string agent)
    {
        using var trained = Trained(agent);
        var path = Path.GetTempFileName();
        try
        {
            Checkpoint.Save(trained.Checkpointable, path);

            Assert.Equal(File.ReadAllBytes(path), Checkpoint.ToBytes(trained.Checkpointable));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("qlearning")]
    [InlineData("dqn")]
    [InlineData("hl")]
    public void A_learner_restored_from_a_file_has_the_same_Q_values_and_greedy_actions(string agent)
    {
        using var trained = Trained(agent);
        using var restored = new Learner(agent, seed: 99);
        var path = Path.GetTempFileName();
        try
        {
            Checkpoint.Save(trained.Checkpointable, path);
            Checkpoint.Load(restored.Checkpointable, path);
        }
        finally
        {
            File.Delete(path);
        }

        AssertSameState(trained, restored);
    }

    [Theory]
    [InlineData("qlearning")]
    [InlineData("dqn")]
    [InlineData("hl")]
    public void A_restored_learner_keeps_learning(string agent)
    {
        using var trained = Trained(agent);
        using var restored = new Learner(agent, seed: 99);
        Checkpoint.FromBytes(restored.Checkpointable, Checkpoint.ToBytes(trained.Checkpointable));
        var before = restored.QValues();
        var steps = restored.Value.RealSteps;

        // More real steps than DQN's learning start: the (empty after a load) replay buffer refills and updates resume.
        var more = agent == "hl" ? 20 : 100;
        Trainer.Run(restored.Value, Evaluation.Value, new TrainingOptions(MaxInteractions: more, EvaluateEvery: more, Seed: 5));

        Assert.Equal(steps + more, restored.Value.RealSteps);
        if (before is not null)
        {
            var after = restored.QValues()!;
            Assert.NotEqual(before, after);
            Assert.All(after, v => Assert.True(float.IsFinite(v)));
        }
    }

    [Theory]
    [InlineData("dqn", "hl")]
    [InlineData("hl", "dqn")]
    [InlineData("qlearning", "dqn")]
    public void A_checkpoint_of_another_kind_of_learner_is_rejected_with_InvalidDataException_and_changes_nothing(string saved, string loaded)
    {
        using var source = new Learner(saved, seed: 1);
        using var target = new Learner(loaded, seed: 2);
        var before = target.QValues();

        Assert.Throws<InvalidDataException>(() => Checkpoint.FromBytes(target.Checkpointable, Checkpoint.ToBytes(source.Checkpointable)));

        Assert.Equal(before, target.QValues());
    }

    [Theory]
    [MemberData(nameof(LearnersAndDamage))]
    public void A_damaged_checkpoint_is_rejected_with_InvalidDataException(string agent, string damage)
    {
        using var learner = new Learner(agent, seed: 1);
        var good = Checkpoint.ToBytes(learner.Checkpointable);
        var bytes = damage switch
        {
            "empty" => [],
            "text" => Encoding.UTF8.GetBytes("this is not a checkpoint"),
            "random bytes" => RandomBytes(1_000),
            "truncated" => good[..(good.Length / 2)],
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };

        Assert.Throws<InvalidDataException>(() => Checkpoint.FromBytes(learner.Checkpointable, bytes));
    }

    [Fact]
    public void A_checkpoint_of_format_1_with_five_separate_model_networks_is_refused_naming_its_format()
    {
        using var learner = new Learner("hl", seed: 1);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("EDGECONTROL-CHECKPOINT");
            writer.Write(1);
            writer.Write("hl");
        }

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.FromBytes(learner.Checkpointable, stream.ToArray()));
        Assert.Equal("checkpoint format 1 is not supported (expected 2)", error.Message);
    }

    private static Learner Trained(string agent)
    {
        var learner = new Learner(agent, seed: 1);
        // Briefly: enough for every learner to have updated its table or networks (the hybrid agent's model too).
        var steps = agent switch { "qlearning" => 5_000, "dqn" => 300, _ => 40 };
        Trainer.Run(learner.Value, Evaluation.Value, new TrainingOptions(MaxInteractions: steps, EvaluateEvery: steps, Seed: 1));
        return learner;
    }

    private static void AssertSameState(Learner expected, Learner actual)
    {
        Assert.Equal(expected.Value.RealSteps, actual.Value.RealSteps);
        Assert.Equal(expected.Greedy(), actual.Greedy());
        Assert.Equal(expected.QValues(), actual.QValues());
        Assert.Equal(expected.ModelPredictions(), actual.ModelPredictions());
    }

    private static byte[] RandomBytes(int count)
    {
        var rng = new Xoshiro256(7);
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = (byte)rng.NextInt(256);
        }

        return bytes;
    }

    /// <summary>A default learner of the catalog on the paper scenario, with what a checkpoint must restore made comparable.</summary>
    private sealed class Learner(string agent, long seed) : IDisposable
    {
        public ILearner Value { get; } = LearnerCatalog.Default(agent).Create(Scenarios.Paper, seed);

        public ICheckpointable Checkpointable => (ICheckpointable)Value;

        public int[] Greedy() => Value.ActGreedy(Evaluation.Value.OpenLoop.Requests);

        /// <summary>Q-values of every evaluation request (null for the table, whose greedy actions say it all).</summary>
        public float[]? QValues()
        {
            var q = Value switch
            {
                DqnAgent dqn => dqn.Q,
                HybridLearningAgent hybrid => hybrid.Q,
                _ => null,
            };
            if (q is null)
            {
                return null;
            }

            var features = new ObservationFeatures(Scenarios.Paper);
            var requests = Evaluation.Value.OpenLoop.Requests;
            var states = new float[requests.Count * features.Length];
            for (var i = 0; i < requests.Count; i++)
            {
                features.Write(requests[i], states.AsSpan(i * features.Length, features.Length));
            }

            return q.Values(states, requests.Count);
        }

        /// <summary>The hybrid agent's model predictions for the first evaluation requests under every action (null for the others).</summary>
        public OutcomePrediction[]? ModelPredictions()
        {
            if (Value is not HybridLearningAgent hybrid)
            {
                return null;
            }

            var model = hybrid.Model;
            var actions = Evaluation.Value.OpenLoop.Actions.Count;
            var requests = Evaluation.Value.OpenLoop.Requests.Take(20).ToList();
            var inputs = new float[requests.Count * actions * model.InputLength];
            for (var r = 0; r < requests.Count; r++)
            {
                for (var a = 0; a < actions; a++)
                {
                    model.Encode(requests[r], a, inputs.AsSpan((r * actions + a) * model.InputLength, model.InputLength));
                }
            }

            var predictions = new OutcomePrediction[requests.Count * actions];
            model.Predict(inputs, predictions.Length, predictions);
            return predictions;
        }

        public void Dispose() => (Value as IDisposable)?.Dispose();
    }
}
