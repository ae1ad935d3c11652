using System.Buffers;
using System.Text.Json;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// Telemetry batch bodies (<c>POST /api/v1/telemetry</c>) of plausible outcomes, built before the clock starts so the
/// benchmark measures the server, not the client's JSON writer.
/// </summary>
internal static class TelemetryBodies
{
    private static readonly string[] Targets = ["edge-1", "cloud-1", "device"];
    private static readonly string[] Variants = ["mobilenet-0.25-128", "mobilenet-0.5-160", "mobilenet-1.0-224"];
    private static readonly DateTimeOffset Epoch = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One body holding outcomes with sequence numbers <paramref name="firstSequence"/> .. + <paramref name="count"/> - 1.</summary>
    public static byte[] Batch(string device, long firstSequence, int count)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 260);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("outcomes");
            for (var i = 0; i < count; i++)
            {
                var sequence = firstSequence + i;
                json.WriteStartObject();
                json.WriteNumber("sequence", sequence);
                json.WriteString("requestId", $"{device}-{sequence}");
                json.WriteString("user", $"user-{sequence % 8}");
                json.WriteString("target", Targets[sequence % Targets.Length]);
                json.WriteString("variant", Variants[sequence % Variants.Length]);
                json.WriteNumber("latencyMs", 20 + (sequence % 97) * 1.5);
                json.WriteNumber("energyJ", 0.2 + (sequence % 13) * 0.05);
                json.WriteNumber("accuracy", 0.55 + (sequence % 5) * 0.04);
                json.WriteString("observedAt", Epoch.AddMilliseconds(sequence * 10));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
