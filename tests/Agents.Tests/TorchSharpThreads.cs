namespace EdgeControl.Agents.Tests;

/// <summary>One libtorch thread: the networks are small, so threads cost more than they give (and the machine is shared).</summary>
public sealed class TorchSharpThreads
{
    public TorchSharpThreads() => TorchSharp.torch.set_num_threads(1);
}
