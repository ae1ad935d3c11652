using System.Diagnostics;
using System.Threading.Channels;
using EdgeControl.Agents.Dqn;
using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// The fleet stand-in of <c>bench learn</c>: a behaviour policy acting on the twin, writing each experience
/// into a bounded channel (it waits while the channel is full). The behaviour is uniformly random over the
/// allowed actions: it needs no copy of the learner's network on another thread (TorchSharp's state is
/// per thread, and publishing weights would cost the learner the time being measured), and it shows every
/// action in every context, which is what an off-policy learner and its environment model learn from.
/// </summary>
internal sealed class ExperienceProducer(Scenario scenario, long seed, double? perSecond)
{
    public void Run(ChannelWriter<Experience> writer, long count, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(writer);
        try
        {
            var twin = new EdgeCloudTwin(scenario);
            var mask = new ActionMask(scenario);
            var actionCount = new ActionSpace(scenario).Count;
            var rng = new Xoshiro256(seed ^ 0x6265686176L);
            var request = twin.Reset(seed);
            var clock = Stopwatch.StartNew();
            for (long i = 0; i < count; i++)
            {
                Pace(clock, i);
                var action = GreedyChoice.RandomAllowed(rng, mask.Restrict(request), actionCount);
                var result = twin.Step(action);
                var experience = new Experience(request, action, result.Outcome, result.Reward, result.Next);
                while (!writer.TryWrite(experience))
                {
                    // Full: wait for the learner to drain (the synchronous wait keeps this a plain thread).
                    writer.WaitToWriteAsync(cancel).AsTask().GetAwaiter().GetResult();
                }

                request = result.Next;
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    /// <summary>With a rate, experience i is offered no earlier than i / rate seconds after the start.</summary>
    private void Pace(Stopwatch clock, long i)
    {
        if (perSecond is not { } rate)
        {
            return;
        }

        while (clock.Elapsed.TotalSeconds < i / rate)
        {
            Thread.Sleep(1);
        }
    }
}
