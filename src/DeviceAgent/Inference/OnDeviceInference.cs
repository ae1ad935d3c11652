using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Threading;
using EdgeControl.DeviceAgent.Offload;
using EdgeControl.Inference;

namespace EdgeControl.DeviceAgent.Inference;

/// <summary>
/// Runs real MobileNetV1 forward passes on this machine's CPU, one at a time on one dedicated thread (TorchSharp's
/// dispose scopes are thread-static, and a device runs its requests one after another), and measures their wall time.
/// Each pass classifies the same input a worker would get (<see cref="InputPatterns"/>) through the same code as the
/// worker (<see cref="ModelSet.Classify"/>: bytes to tensor, forward, top five), so device and worker times compare.
/// <para>
/// With a CPU share below 1 (<c>--cpu-share</c>) the thread emulates a slower board of its own, as the testbed needs:
/// a pass takes its CPU time / share, what it would take on that share of this core, and the thread pauses until then
/// so requests behind it wait as they would. CPU time, not wall time: a board's pass does not slow down because other
/// programs share this machine's core (in the testbed, the other devices and the edge worker do). A pass that the
/// core's other work stretched past that once counted its wall time, and the boards slowed each other: on 2 cores a
/// phone's 17 ms pass measured 29.5 ms beside two other passes on its core (docs/results/testbed). For the
/// same reason the thread runs at the lowest priority: a board computing must not slow the edge worker it shares a
/// core with either, and its pass counts its CPU time however long the core makes it wait. Where the thread's CPU
/// time cannot be read, the wall time stands in. (The testbed first throttled the thread with a CFS bandwidth cgroup,
/// which lets a burst shorter than the kernel's bandwidth slice run at full speed: a 10 ms pass at a 41% share took
/// 8-13 ms instead of 24, and the device tier measured 22-26 ms where its profile predicts 41.)
/// </para>
/// </summary>
internal sealed class OnDeviceInference : IDisposable
{
    private readonly BlockingCollection<(ModelVariant Variant, TaskCompletionSource<double> Done)> _queue = new();
    private readonly ModelSet _models = new();
    private readonly InputPatterns _inputs;
    private readonly double _cpuShare;
    private readonly Func<TimeSpan?> _threadCpuTime;
    private readonly Thread _thread;

    /// <param name="cpuShare">The share of this machine's core the emulated board is as fast as, in (0, 1]; 1 for this core.</param>
    public OnDeviceInference(InputPatterns inputs, double cpuShare = 1)
        : this(inputs, cpuShare, ThreadCpuTime.Now)
    {
    }

    /// <param name="threadCpuTime">The inference thread's CPU time so far (<see cref="ThreadCpuTime.Now"/>; tests set it).</param>
    internal OnDeviceInference(InputPatterns inputs, double cpuShare, Func<TimeSpan?> threadCpuTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cpuShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cpuShare, 1);
        _inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        _cpuShare = cpuShare;
        _threadCpuTime = threadCpuTime;
        _thread = new Thread(Run) { IsBackground = true, Name = "on-device inference" };
        _thread.Start();
    }

    /// <summary>
    /// Milliseconds one forward pass of <paramref name="variant"/> took (width and input resolution from the variant),
    /// on the emulated board when the CPU share is below 1.
    /// </summary>
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
        var cpuBefore = _threadCpuTime();
        _models.Classify(variant, input.Span);
        if (_cpuShare >= 1)
        {
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var onBoard = (_threadCpuTime() - cpuBefore ?? Stopwatch.GetElapsedTime(started)) / _cpuShare;
        var pause = onBoard - Stopwatch.GetElapsedTime(started);
        if (pause > TimeSpan.Zero)
        {
            Thread.Sleep(pause);
        }

        return onBoard.TotalMilliseconds;
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
        if (_cpuShare < 1)
        {
            LowestThreadPriority.LowerCurrentThread();
        }

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
