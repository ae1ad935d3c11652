using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeControl.Core.Domain;
using static TorchSharp.torch;

namespace EdgeControl.DeviceAgent.Inference;

/// <summary>
/// Runs real MobileNetV1 forward passes on this machine's CPU, one at a time on one dedicated thread (TorchSharp's
/// dispose scopes are thread-static, and a device runs its requests one after another), and measures their wall time.
/// </summary>
internal sealed class OnDeviceInference : IDisposable
{
    private readonly BlockingCollection<(ModelVariant Variant, TaskCompletionSource<double> Done)> _queue = new();
    private readonly Dictionary<double, MobileNetV1> _models = [];
    private readonly Thread _thread;

    public OnDeviceInference()
    {
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
                    done.SetResult(Measure(variant));
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
            foreach (var model in _models.Values)
            {
                model.Dispose();
            }
        }
    }

    private double Measure(ModelVariant variant)
    {
        if (!_models.TryGetValue(variant.WidthMultiplier, out var model))
        {
            model = new MobileNetV1(variant.WidthMultiplier);
            model.eval();
            _models[variant.WidthMultiplier] = model;
        }

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = rand(1, 3, variant.Resolution, variant.Resolution);
        var clock = Stopwatch.StartNew();
        model.forward(input);
        return clock.Elapsed.TotalMilliseconds;
    }
}
