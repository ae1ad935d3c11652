using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeControl.Inference;
using EdgeControl.Protocol;
using EdgeControl.Worker.Options;

namespace EdgeControl.Worker.Execution;

/// <summary>
/// The worker's execution slots: one dedicated thread per slot, each with its own networks (TorchSharp's dispose scopes
/// are thread-static, and a network is not for two threads at once), taking jobs from one bounded queue. A full queue
/// refuses at once (<see cref="TryEnqueue"/> is false) rather than letting waits grow without end.
/// <para>
/// At start the first slot measures the catalog (<see cref="SelfProfile"/>) while the others wait, so nothing competes
/// with the measurement; then the others run every variant once, so no request pays for a network's first use.
/// <see cref="Ready"/> completes with the profile when every slot is warm. From then on every served pass's compute
/// time goes into <see cref="InService"/>, the profile that follows the worker's speed under its real load.
/// </para>
/// </summary>
internal sealed class InferenceSlots : IDisposable
{
    private readonly WorkerOptions _options;
    private readonly BlockingCollection<InferenceJob> _queue;
    private readonly Thread[] _threads;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<SelfProfile> _profiled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SelfProfile> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _warming;
    private int _inFlight;
    private InServiceProfile? _inService;

    public InferenceSlots(WorkerOptions options)
    {
        _options = options;
        _queue = new BlockingCollection<InferenceJob>(options.QueueLength);
        _warming = options.Slots;
        _threads = [.. Enumerable.Range(0, options.Slots).Select(slot => new Thread(() => Run(slot)) { IsBackground = true, Name = $"inference slot {slot}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Completes with the self-profile once every slot is warm; faults when the profile could not be measured.</summary>
    public Task<SelfProfile> Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>The served passes' compute times and the profile they make; null until <see cref="Ready"/> completes.</summary>
    public InServiceProfile? InService => Volatile.Read(ref _inService);

    public WorkerLoad Load => new(Volatile.Read(ref _inFlight), _queue.Count, _options.Slots);

    /// <summary>Queues <paramref name="job"/>, or false at once when the queue is full.</summary>
    public bool TryEnqueue(InferenceJob job) => _queue.TryAdd(job);

    public void Dispose()
    {
        _stop.Cancel();
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _queue.Dispose();
        _stop.Dispose();
    }

    private void Run(int slot)
    {
        // The same count on every slot thread: libtorch's setting is per process (and per OpenMP thread) alike.
        TorchSharp.torch.set_num_threads(_options.ThreadsPerSlot);
        using var models = new ModelSet();
        if (!Prepare(slot, models))
        {
            return;
        }

        foreach (var job in _queue.GetConsumingEnumerable())
        {
            Execute(models, job);
        }
    }

    /// <summary>The first slot profiles, the others warm up after it; false when stopped or the profile failed.</summary>
    private bool Prepare(int slot, ModelSet models)
    {
        try
        {
            if (slot == 0)
            {
                _profiled.TrySetResult(SelfProfile.Measure(models, _options.Catalog, _options.ProfileWarmUps, _options.ProfileTimedPasses, _stop.Token));
            }
            else
            {
                _profiled.Task.Wait(_stop.Token);
                foreach (var variant in _options.Catalog)
                {
                    _stop.Token.ThrowIfCancellationRequested();
                    models.TimeForwardPass(variant);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            _ready.TrySetCanceled();
            return false;
        }
#pragma warning disable CA1031 // The failure goes to whoever awaits Ready: the worker cannot serve without its networks.
        catch (Exception error)
#pragma warning restore CA1031
        {
            var fault = error is AggregateException { InnerException: { } inner } ? inner : error;
            _profiled.TrySetException(fault);
            _ready.TrySetException(fault);
            return false;
        }

        if (Interlocked.Decrement(ref _warming) == 0)
        {
            Volatile.Write(ref _inService, new InServiceProfile(_profiled.Task.Result, _options.InServiceWindow));
            _ready.TrySetResult(_profiled.Task.Result);
        }

        return true;
    }

    /// <summary>
    /// Runs <paramref name="job"/>, freeing its slot in <see cref="Load"/> before the answer is handed over: whoever
    /// holds an answer sees the load without it (a reported load never counts a request that was already answered).
    /// </summary>
    private void Execute(ModelSet models, InferenceJob job)
    {
        var started = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _inFlight);
        ExecutedInference executed;
        try
        {
            var top5 = models.Classify(job.Variant, job.Input);
            var finished = Stopwatch.GetTimestamp();
            executed = new ExecutedInference(
                top5, Stopwatch.GetElapsedTime(job.QueuedAt, started).TotalMilliseconds, Stopwatch.GetElapsedTime(started, finished).TotalMilliseconds);
        }
#pragma warning disable CA1031 // The failure goes to the request awaiting this job (a 500), not into the slot's thread.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Interlocked.Decrement(ref _inFlight);
            job.Fail(error);
            return;
        }

        Interlocked.Decrement(ref _inFlight);
        // Every served pass, the probe's own requests too: they are passes on this machine as it is now.
        InService?.Record(job.Variant, executed.ComputeMs);
        job.Complete(executed);
    }
}
