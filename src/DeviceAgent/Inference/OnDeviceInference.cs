using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeControl.Core.Domain;
using EdgeControl.DeviceAgent.Offload;
using EdgeControl.Inference;

namespace EdgeControl.DeviceAgent.Inference;

/// <summary>
/// Runs real MobileNetV1 forward passes on this machine's CPU, one at a time on one dedicated thread (TorchSharp's
/// dispose scopes are thread-static, and a device runs its requests one after another), and measures their wall time.
/// Each pass classifies the same input a worker would get (<see cref="InputPatterns"/>) through the same code as the
/// worker (<see cref="ModelSet.Classify"/>: bytes to tensor, forward, top five), so device and worker times compare.
/// </summary>
internal sealed class OnDeviceInference : IDisposable
{
    private readonly BlockingCollection<(ModelVariant Variant, TaskCompletionSource<double> Done)> _queue = new();
    private readonly ModelSet _models = new();
    private readonly InputPatterns _inputs;
    private readonly Thread _thread;

    public OnDeviceInference(InputPatterns inputs)
    {
        _inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        _thread = new Thread(Run) { IsBackground = true, Name = "on-device inference" };
        _thread.Start();
    }

    /// <summary>Milliseconds one forward pass of <paramref name="variant"/> took (width and input resolution from the variant).</summary>
    public Task<double> MeasureAsync(ModelVariant variant)
    {
        var done = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((variant, done));
        return done.Task;
    }

    private double Classify(ModelVariant variant)
    {
        var input = _inputs.For(variant);
        var started = Stopwatch.GetTimestamp();
        _models.Classify(variant, input.Span);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private void Run()
    {
        // One core, as on a small device; libtorch's own pool would also fight the agent's network threads.
        TorchSharp.torch.set_num_threads(1);
        try
        {
            foreach (var (variant, done) in _queue.GetConsumingEnumerable())
            {
                try
                {
                    done.SetResult(Classify(variant));
                }
#pragma warning disable CA1031 // The failure goes to the caller awaiting this measurement.
                catch (Exception error)
#pragma warning restore CA1031
                {
                    done.SetException(error);
                }
            }
        }
        finally
        {
            _models.Dispose();
        }
    }
}
