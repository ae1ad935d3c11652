using EdgeControl.DeviceAgent.Hub;
using EdgeControl.Protocol;
using Microsoft.Data.Sqlite;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>The durable outbox: written before sending, forgotten when settled, and the same after a restart.</summary>
public sealed class OutcomeOutboxTests
{
    [Fact]
    public void Outcomes_written_before_a_crash_are_sent_again_after_a_restart()
    {
        using var data = new TemporaryDirectory();
        List<MeasuredOutcome> kept;
        using (var outbox = OutcomeOutbox.Open(data.Path, sequenceFloor: 100))
        {
            kept = [.. Enumerable.Range(0, 3).Select(i => outbox.Add(Outcome($"r-{i}")))];
        }

        using var restarted = OutcomeOutbox.Open(data.Path, sequenceFloor: 0);

        Assert.Equal(3, restarted.Count);
        Assert.Equal(kept, restarted.After(long.MinValue, 10));
        Assert.Equal(new long[] { 101, 102, 103 }, kept.Select(o => o.Sequence));
        Assert.Equal(104, restarted.Add(Outcome("r-3")).Sequence);
    }

    [Fact]
    public void Sequences_after_a_restart_continue_above_every_one_used_even_when_everything_was_acknowledged()
    {
        using var data = new TemporaryDirectory();
        using (var outbox = OutcomeOutbox.Open(data.Path, sequenceFloor: 5_000))
        {
            outbox.AcknowledgeUpTo(outbox.Add(Outcome("r-1")).Sequence);
            Assert.Equal(0, outbox.Count);
        }

        using var restarted = OutcomeOutbox.Open(data.Path, sequenceFloor: 10);

        Assert.Equal(5_002, restarted.Add(Outcome("r-2")).Sequence);
    }

    [Fact]
    public void Sequences_start_above_the_time_based_floor_when_it_is_above_every_stored_one()
    {
        using var data = new TemporaryDirectory();
        using (var outbox = OutcomeOutbox.Open(data.Path, sequenceFloor: 10))
        {
            outbox.Add(Outcome("r-1"));
        }

        using var restarted = OutcomeOutbox.Open(data.Path, sequenceFloor: 1_000_000);

        Assert.Equal(1_000_001, restarted.Add(Outcome("r-2")).Sequence);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("memory")]
    public void An_acknowledgement_forgets_every_outcome_up_to_its_sequence_and_a_rejection_forgets_one(string kind)
    {
        using var data = new TemporaryDirectory();
        using var outbox = Create(kind, data, sequenceFloor: 9);
        var kept = Enumerable.Range(0, 5).Select(i => outbox.Add(Outcome($"r-{i}"))).ToList();
        Assert.Equal(new long[] { 10, 11, 12, 13, 14 }, kept.Select(o => o.Sequence));

        Assert.True(outbox.Reject(11));
        Assert.False(outbox.Reject(11));
        Assert.Equal(2, outbox.AcknowledgeUpTo(12));

        Assert.Equal(2, outbox.Count);
        Assert.Equal(new long[] { 13, 14 }, outbox.After(long.MinValue, 10).Select(o => o.Sequence));
        Assert.Equal(new long[] { 14 }, outbox.After(13, 10).Select(o => o.Sequence));
        Assert.Equal(new OutboxCounters(Measured: 5, Acknowledged: 2, Rejected: 1, PoisonSent: 0, DecisionsAnswered: 0, DecisionsRefused: 0), outbox.Counters);
    }

    [Fact]
    public void Every_counter_survives_a_restart_and_keeps_counting()
    {
        using var data = new TemporaryDirectory();
        using (var outbox = OutcomeOutbox.Open(data.Path, sequenceFloor: 0))
        {
            var first = outbox.Add(Outcome("r-1"));
            var second = outbox.Add(Outcome("r-2"));
            outbox.Add(Outcome("poison\u00001"), poison: true);
            outbox.Add(Outcome("r-3"));
            outbox.Reject(second.Sequence);
            outbox.AcknowledgeUpTo(second.Sequence);
            Assert.Equal(first.Sequence, second.Sequence - 1);
            outbox.CountDecision(answered: true);
            outbox.CountDecision(answered: true);
            outbox.CountDecision(answered: false);
        }

        using var restarted = OutcomeOutbox.Open(data.Path, sequenceFloor: 0);
        Assert.Equal(new OutboxCounters(Measured: 3, Acknowledged: 1, Rejected: 1, PoisonSent: 1, DecisionsAnswered: 2, DecisionsRefused: 1), restarted.Counters);
        Assert.Equal(2, restarted.Count);

        restarted.Add(Outcome("r-4"));
        restarted.CountDecision(answered: false);
        Assert.Equal(4, restarted.Counters.Measured);
        Assert.Equal(2, restarted.Counters.DecisionsRefused);
    }

    [Fact]
    public void A_poison_outcome_keeps_its_U0000_through_the_outbox_and_is_counted_as_poison_not_measured()
    {
        using var data = new TemporaryDirectory();
        using (var outbox = OutcomeOutbox.Open(data.Path, sequenceFloor: 0))
        {
            outbox.Add(Outcome("poison\u00007"), poison: true);
        }

        using var restarted = OutcomeOutbox.Open(data.Path, sequenceFloor: 0);

        Assert.Equal("poison\u00007", Assert.Single(restarted.After(long.MinValue, 10)).RequestId);
        Assert.Equal(0, restarted.Counters.Measured);
        Assert.Equal(1, restarted.Counters.PoisonSent);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("memory")]
    public void Outcomes_kept_from_many_threads_at_once_are_numbered_without_gaps_in_the_order_a_sender_sees(string kind)
    {
        using var data = new TemporaryDirectory();
        using var outbox = Create(kind, data, sequenceFloor: 0);
        Parallel.For(0, 2_000, i => outbox.Add(Outcome($"r-{i}")));

        Assert.Equal(Enumerable.Range(1, 2_000).Select(i => (long)i), outbox.After(long.MinValue, 5_000).Select(o => o.Sequence));
        Assert.Equal(2_000, outbox.Count);
    }

    [Fact]
    public void A_second_agent_cannot_use_the_same_data_directory_at_once()
    {
        using var data = new TemporaryDirectory();
        using var first = OutcomeOutbox.Open(data.Path, sequenceFloor: 0);

        var refused = Assert.Throws<DeviceAgentException>(() => OutcomeOutbox.Open(data.Path, sequenceFloor: 0));

        Assert.Contains("in use by another agent", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_decision_ticket_is_kept_with_its_outcome_through_a_restart()
    {
        using var data = new TemporaryDirectory();
        using (var outbox = OutcomeOutbox.Open(data.Path, sequenceFloor: 0))
        {
            outbox.Add(Outcome("r-1"));
        }

        using var restarted = OutcomeOutbox.Open(data.Path, sequenceFloor: 0);

        Assert.Equal(Ticket, Assert.Single(restarted.After(long.MinValue, 10)).Ticket);
    }

    [Fact]
    public void An_outbox_written_before_tickets_opens_and_its_outcomes_are_sent_without_one()
    {
        using var data = new TemporaryDirectory();
        // The row as an agent without tickets wrote it: the outcome's JSON has no "ticket" (the server refuses it, by sequence).
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, OutcomeOutbox.FileName)};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE outbox (sequence INTEGER PRIMARY KEY, outcome TEXT NOT NULL);
                INSERT INTO outbox VALUES (7, '{"sequence":7,"requestId":"r-7","user":"camera-1","action":3,"target":"edge-1","variant":"v","latencyMs":20,"energyJ":0.1,"accuracy":0.6,"observedAt":"2026-11-26T10:00:00+00:00"}');
                """;
            create.ExecuteNonQuery();
        }

        using var outbox = OutcomeOutbox.Open(data.Path, sequenceFloor: 0);

        var old = Assert.Single(outbox.After(long.MinValue, 10));
        Assert.Equal(("r-7", (string?)null), (old.RequestId, old.Ticket));
        Assert.Equal(Ticket, outbox.Add(Outcome("r-8")).Ticket);
    }

    /// <summary>The shape of a control plane's ticket (32 base64url characters).</summary>
    private const string Ticket = "AAABlNWJ0pAQ8n1cUZ3eYTq9k2fW6xLp";

    private static MeasuredOutcome Outcome(string requestId) =>
        new(0, requestId, "camera-1", 3, "edge-1", "mobilenet_v1_0.5_160", 20, 0.1, 0.6, DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000), Ticket);

    /// <summary>The device's outbox on disk, or the in-memory one of the hub benchmark: the same rules.</summary>
    private static IOutcomeOutbox Create(string kind, TemporaryDirectory data, long sequenceFloor) =>
        kind == "sqlite" ? OutcomeOutbox.Open(data.Path, sequenceFloor) : new MemoryOutcomeOutbox(sequenceFloor);
}
