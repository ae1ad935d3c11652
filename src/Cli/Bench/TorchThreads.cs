namespace EdgeControl.Cli.Bench;

internal static class TorchThreads
{
    /// <summary>
    /// One intra-op thread per training process: the experiment already runs one process per core,
    /// and libtorch's own thread pool would only make them fight over the cores.
    /// </summary>
    public static void UseOne() => TorchSharp.torch.set_num_threads(1);
}
