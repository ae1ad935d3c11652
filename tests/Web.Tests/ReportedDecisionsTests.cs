using EdgeControl.Web.Telemetry;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Tests;

/// <summary>
/// The memory of which decisions were reported: a decision's first report wins, a re-send under the same sequence is
/// the same report, and nothing is remembered past the decision window.
/// </summary>
public sealed class ReportedDecisionsTests
{
    private static readonly Guid Device = Guid.Parse("6f1d0c34-5a0e-4c31-9d61-0f6f5c7a2b11");
    private static readonly Guid OtherDevice = Guid.Parse("0b8a3e7d-2c44-4f7e-a1b5-93d2e6f4c801");

    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-12-07T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_second_report_of_a_decision_under_another_sequence_gets_the_sequence_of_the_first()
    {
        var reported = Reported();

        Assert.Equal(5, reported.Claim(Device, "r-1", 5, _clock.GetUtcNow()));
        Assert.Equal(5, reported.Claim(Device, "r-1", 5, _clock.GetUtcNow()));
        Assert.Equal(5, reported.Claim(Device, "r-1", 9, _clock.GetUtcNow()));
        Assert.Equal(1, reported.Count);
    }

    [Fact]
    public void The_same_request_id_is_another_decision_for_another_device_and_another_request_id_for_the_same_device()
    {
        var reported = Reported();
        reported.Claim(Device, "r-1", 5, _clock.GetUtcNow());

        Assert.Equal(7, reported.Claim(OtherDevice, "r-1", 7, _clock.GetUtcNow()));
        Assert.Equal(6, reported.Claim(Device, "r-2", 6, _clock.GetUtcNow()));
        Assert.Equal(6, reported.Claim(Device, "r-2", 8, _clock.GetUtcNow()));
    }

    [Fact]
    public void A_decision_read_back_from_the_log_at_start_up_is_refused_a_second_report()
    {
        var reported = Reported();
        reported.Remember(Device, "r-3", 3, _clock.GetUtcNow() - TimeSpan.FromMinutes(2));

        Assert.Equal(3, reported.Claim(Device, "r-3", 4, _clock.GetUtcNow()));
    }

    [Fact]
    public void Long_and_non_ascii_request_ids_are_told_apart()
    {
        var reported = Reported();
        var longId = new string('é', 400);

        Assert.Equal(1, reported.Claim(Device, longId, 1, _clock.GetUtcNow()));
        Assert.Equal(2, reported.Claim(Device, longId + "x", 2, _clock.GetUtcNow()));
        Assert.Equal(1, reported.Claim(Device, longId, 3, _clock.GetUtcNow()));
    }

    [Fact]
    public void A_hundred_thousand_decisions_are_each_remembered_once()
    {
        var reported = Reported();

        for (var i = 0; i < 100_000; i++)
        {
            Assert.Equal(i, reported.Claim(Device, $"r-{i}", i, _clock.GetUtcNow()));
        }

        Assert.Equal(100_000, reported.Count);
        Assert.Equal(17, reported.Claim(Device, "r-17", 100_017, _clock.GetUtcNow()));
    }

    [Fact]
    public async Task Decisions_issued_before_the_window_are_forgotten_by_the_next_sweep_and_younger_ones_kept()
    {
        var reported = Reported();
        reported.Claim(Device, "old", 1, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(10));
        reported.Claim(Device, "young", 2, _clock.GetUtcNow());

        // 16 minutes after "old" was issued (the window is 15), 6 after "young": the next report starts a sweep.
        _clock.Advance(TimeSpan.FromMinutes(6));
        reported.Claim(Device, "now", 3, _clock.GetUtcNow());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (reported.Count > 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, reported.Count);
        Assert.Equal(2, reported.Claim(Device, "young", 20, _clock.GetUtcNow()));
        Assert.Equal(10, reported.Claim(Device, "old", 10, _clock.GetUtcNow()));
    }

    private ReportedDecisions Reported() => new(Options.Create(new OutcomeOptions()), _clock);

    /// <summary>Time that moves only when the test says so.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
