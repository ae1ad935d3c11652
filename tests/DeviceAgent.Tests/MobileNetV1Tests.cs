using EdgeControl.Core.Catalog;
using EdgeControl.DeviceAgent.Inference;

namespace EdgeControl.DeviceAgent.Tests;

public sealed class MobileNetV1Tests
{
    [Fact]
    public async Task A_real_forward_pass_of_the_smallest_variant_takes_measurable_time_and_the_largest_takes_longer()
    {
        var catalog = PublishedFigures.Catalogs["mobilenet_v1"];
        var smallest = catalog.MinBy(v => v.MegaMacs)!;
        var largest = catalog.MaxBy(v => v.MegaMacs)!;
        using var inference = new OnDeviceInference(new Offload.InputPatterns());

        await inference.MeasureAsync(largest); // first call builds the model and warms libtorch up
        var small = await FastestOf(inference, smallest);
        var large = await FastestOf(inference, largest);

        Assert.True(small > 0, $"smallest took {small} ms");
        // 569 vs 14 MMACs. A busy machine only ever adds time to a pass, so the fastest of a few passes of each
        // is the model's own cost: one preempted pass of the small model (25 ms once, under a load of 9) cannot
        // make it look as slow as the large one.
        Assert.True(large > small * 2, $"largest {large:0.0} ms, smallest {small:0.0} ms (fastest of {Passes})");
    }

    [Fact]
    public async Task On_a_quarter_of_this_core_a_pass_takes_several_times_as_long_as_on_the_whole_core()
    {
        var smallest = PublishedFigures.Catalogs["mobilenet_v1"].MinBy(v => v.MegaMacs)!;
        using var thisCore = new OnDeviceInference(new Offload.InputPatterns());
        using var quarter = new OnDeviceInference(new Offload.InputPatterns(), cpuShare: 0.25);
        await thisCore.MeasureAsync(smallest);
        await quarter.MeasureAsync(smallest);

        var fastest = await FastestOf(thisCore, smallest);
        var slowed = await FastestOf(quarter, smallest);

        // Each slowed pass is its own compute and three times that in pause; its compute is at least about the fastest
        // unslowed pass, so only a pass that computed in half the fastest time could come in under twice it.
        Assert.True(slowed > fastest * 2, $"on a quarter of the core {slowed:0.0} ms, on the whole core {fastest:0.0} ms (fastest of {Passes})");
    }

    [Fact]
    public async Task A_board_s_pass_takes_as_long_when_this_core_is_busy_with_other_work()
    {
        var smallest = PublishedFigures.Catalogs["mobilenet_v1"].MinBy(v => v.MegaMacs)!;
        using var board = new OnDeviceInference(new Offload.InputPatterns(), cpuShare: 0.5);
        await board.MeasureAsync(smallest);
        var quiet = await FastestOf(board, smallest);

        // Four times as many busy threads as the machine has cores: every core is taken while the board computes, and the
        // board's thread (lowest priority) waits for them, as a testbed board waits for the edge worker and the others.
        double busy;
        using (var spinners = new CancellationTokenSource())
        {
            var spinning = Enumerable.Range(0, Environment.ProcessorCount * 4)
                .Select(_ => Task.Factory.StartNew(() => { while (!spinners.IsCancellationRequested) { } }, TaskCreationOptions.LongRunning))
                .ToArray();
            try
            {
                busy = await FastestOf(board, smallest);
            }
            finally
            {
                await spinners.CancelAsync();
                await Task.WhenAll(spinning);
            }
        }

        // Counted in wall time, each pass would wait for the spinners: several times the quiet pass.
        Assert.True(busy < quiet * 1.5, $"on a busy core {busy:0.0} ms, on a quiet one {quiet:0.0} ms (fastest of {Passes})");
    }

    private const int Passes = 5;

    private static async Task<double> FastestOf(OnDeviceInference inference, Core.Domain.ModelVariant variant)
    {
        var fastest = double.PositiveInfinity;
        for (var i = 0; i < Passes; i++)
        {
            fastest = Math.Min(fastest, await inference.MeasureAsync(variant));
        }

        return fastest;
    }
}
