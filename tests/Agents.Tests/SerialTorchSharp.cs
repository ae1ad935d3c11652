namespace EdgeControl.Agents.Tests;

/// <summary>
/// Every test that trains a TorchSharp network. libtorch dispose scopes are thread-static and two
/// trainings in parallel threads have crashed libtorch here, so these tests run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchSharp : ICollectionFixture<TorchSharpThreads>
{
    public const string Name = "TorchSharp";
}
