using System.Diagnostics;
using EdgeControl.Core.Domain;

namespace EdgeControl.Worker.Execution;

/// <summary>One admitted request: its input, when it was queued, and where its answer goes.</summary>
internal sealed class InferenceJob(ModelVariant variant, byte[] input)
{
    private readonly TaskCompletionSource<ExecutedInference> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ModelVariant Variant { get; } = variant;

    public byte[] Input { get; } = input;

    public long QueuedAt { get; } = Stopwatch.GetTimestamp();

    public Task<ExecutedInference> Done => _done.Task;

    public void Complete(ExecutedInference result) => _done.TrySetResult(result);

    public void Fail(Exception error) => _done.TrySetException(error);
}

/// <summary>The five most likely classes, and the milliseconds the job waited for a slot and computed on it.</summary>
internal sealed record ExecutedInference(int[] Top5, double QueueMs, double ComputeMs);
