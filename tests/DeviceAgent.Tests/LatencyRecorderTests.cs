using System.Globalization;
using EdgeControl.DeviceAgent.Bench;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>
/// The hub benchmark's round-trip times: several client processes each write theirs (--latencies-file) and the script
/// merges them, so the file must hold every time exactly, and one process's percentiles follow the same nearest rank.
/// </summary>
public sealed class LatencyRecorderTests
{
    [Fact]
    public async Task The_latencies_file_holds_every_recorded_round_trip_exactly_one_a_line()
    {
        var recorder = new LatencyRecorder();
        double[] times = [3.25, 0.1 + 0.2, 1234.5678, 49.999999999];
        foreach (var ms in times)
        {
            recorder.Add(ms);
        }

        var path = Path.GetTempFileName();
        try
        {
            await recorder.WriteToAsync(path, CancellationToken.None);

            var read = (await File.ReadAllLinesAsync(path)).Select(line => double.Parse(line, CultureInfo.InvariantCulture));
            Assert.Equal(times, read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Percentiles_are_nearest_rank_as_the_merging_script_computes_them()
    {
        var recorder = new LatencyRecorder();
        foreach (var ms in Enumerable.Range(1, 200))
        {
            recorder.Add(ms);
        }

        Assert.Equal((100.0, 198.0, 200.0), (recorder.Percentile(50), recorder.Percentile(99), recorder.Percentile(100)));
    }
}
