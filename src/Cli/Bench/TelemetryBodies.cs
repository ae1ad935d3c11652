using System.Buffers;
using System.Text.Json;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// Telemetry batch bodies (<c>POST /api/v1/telemetry</c>) of plausible outcomes of decisions the server issued, built
/// before the clock starts so the benchmark measures the server, not the client's JSON writer.
/// </summary>
internal static class TelemetryBodies
{
    /// <summary>
    /// One body holding the outcomes of <paramref name="decisions"/>[<paramref name="firstSequence"/> ..
    /// + <paramref name="count"/> - 1], each under its index as sequence number, measured at <paramref name="observedAt"/>.
    /// </summary>
    public static byte[] Batch(IReadOnlyList<IssuedDecision> decisions, long firstSequence, int count, DateTimeOffset observedAt)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 320);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("outcomes");
            for (var i = 0; i < count; i++)
            {
                var sequence = firstSequence + i;
                var decision = decisions[(int)sequence];
                json.WriteStartObject();
                json.WriteNumber("sequence", sequence);
                json.WriteString("requestId", decision.RequestId);
                json.WriteString("user", decision.User);
                json.WriteNumber("action", decision.Action);
                json.WriteString("target", decision.Target);
                json.WriteString("variant", decision.Variant);
                json.WriteNumber("latencyMs", 20 + (sequence % 97) * 1.5);
                json.WriteNumber("energyJ", 0.2 + (sequence % 13) * 0.05);
                json.WriteNumber("accuracy", 0.55 + (sequence % 5) * 0.04);
                json.WriteString("observedAt", observedAt);
                json.WriteString("ticket", decision.Ticket);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
