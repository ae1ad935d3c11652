using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// A hub argument written exactly as these bytes (not validated), so the real SignalR client can send what its
/// serializer never would: NaN, 1e309, duplicate keys, lone surrogate escapes, bytes that are not UTF-8.
/// </summary>
internal sealed record RawJson(byte[] Utf8)
{
    public static void Register(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new Converter());
    }

    private sealed class Converter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Raw JSON is only ever sent.");

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8, skipInputValidation: true);
    }
}
