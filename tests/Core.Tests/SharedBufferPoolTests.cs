using EdgeControl.Core.Buffers;

namespace EdgeControl.Core.Tests;

/// <summary>A process holding many hub connections enlarges the runtime's shared buffer pool at start, unless the operator sized it.</summary>
public sealed class SharedBufferPoolTests
{
    [Fact]
    public void The_pool_keeps_1024_arrays_per_core_unless_the_operator_set_its_own_size()
    {
        var original = Environment.GetEnvironmentVariable(SharedBufferPool.Setting);
        try
        {
            Environment.SetEnvironmentVariable(SharedBufferPool.Setting, "77");
            SharedBufferPool.Enlarge();
            Assert.Equal("77", Environment.GetEnvironmentVariable(SharedBufferPool.Setting));

            Environment.SetEnvironmentVariable(SharedBufferPool.Setting, null);
            SharedBufferPool.Enlarge();
            Assert.Equal("1024", Environment.GetEnvironmentVariable(SharedBufferPool.Setting));
        }
        finally
        {
            Environment.SetEnvironmentVariable(SharedBufferPool.Setting, original);
        }
    }
}
