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
    public async Task A_board_s_pass_takes_its_CPU_time_over_its_share_however_long_the_core_kept_it_waiting()
    {
        var largest = PublishedFigures.Catalogs["mobilenet_v1"].MaxBy(v => v.MegaMacs)!;
        // A core so busy that the pass gets 1 ms of CPU in all the time it takes (tens of milliseconds of wall time for
        // the largest variant), without loading the machine: the thread's CPU clock moves 1 ms per reading.
        var cpuReadings = 0;
        using var board = new OnDeviceInference(new Offload.InputPatterns(), cpuShare: 0.5, () => TimeSpan.FromMilliseconds(++cpuReadings));
        await board.MeasureAsync(largest);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        var onBoard = await board.MeasureAsync(largest);

        var waited = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        // 1 ms of CPU on half a core; counted in wall time it would be the whole wait.
        Assert.Equal(2.0, onBoard, precision: 9);
        Assert.True(waited > onBoard * 2, $"the pass took {waited:0.0} ms of wall time, counted {onBoard:0.0}");
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
