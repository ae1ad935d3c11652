using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// Breaks a valid JSON example one way at a time (<see cref="Mutations"/>), at a place chosen by a seeded
/// <see cref="Random"/>, so a run is repeatable. What JSON cannot hold (a bare NaN, 1e309, a duplicate key, a lone
/// surrogate escape, bytes that are not UTF-8) is put in as a placeholder string and spliced into the bytes afterwards.
/// </summary>
internal sealed class BodyMutator(Random random)
{
    /// <summary>Every body stays under this, so "huge" stays bounded in memory and on the wire.</summary>
    public const int MaxBytes = 1_500_000;

    private static readonly string[] OtherTypes =
        ["\"text\"", "\"42\"", "\"\"", "42", "-1", "1.5", "true", "false", "null", "[]", "[1,\"a\",null]", "{}", "{\"a\":1}"];

    private static readonly string[] BoundaryNumbers =
    [
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e309", "-1e309",
        "1.7976931348623157e308", "4.9e-324", "1e-400", "-0", "-0.0", "0", "-1", "0.5", "2147483647", "2147483648",
        "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "123456789012345678901234567890", "1E2", "0x10", "01", "+1", ".5", "1.",
    ];

    private static readonly string[] ControlEscapes =
    [
        "\\u0000", "\\u0001", "\\u001f", "\\u007f", "\\u0085", "\\u009f", "\\ud800", "\\udfff", "\\udc00\\ud800",
        "\\r\\nforged: line", "\\t", "\\u2028", "\\ufeff", "\u0001", "\u0000",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE, 0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xC3], [0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80],
    ];

    private static readonly string[] UnknownNames = ["fuzzUnknown", "__proto__", "$type", "constructor", "", "user name", "@@odd"];

    private static readonly string[] Empties = ["", " ", "\r\n\t "];

    private static readonly int[] LongLengths = [257, 1_025, 4_097, 17_000, 70_000];

    private static readonly int[] Depths = [65, 256, 1_000, 5_000];

    private static readonly int[] ArrayLengths = [1_001, 5_000, 50_000];

    private readonly Dictionary<string, byte[]> _splices = new(StringComparer.Ordinal);

    public FuzzInput Mutate(JsonNode example, string mutation)
    {
        ArgumentNullException.ThrowIfNull(example);
        _splices.Clear();
        var root = example;
        var slots = Slots(root);
        string detail;
        switch (mutation)
        {
            case Mutations.TypeConfusion:
            {
                var slot = Pick(slots);
                var kind = KindOf(slot.Value);
                var replacement = Pick(OtherTypes.Where(t => KindOf(JsonNode.Parse(t)) != kind).ToArray());
                detail = $"{slot.Path} = {replacement}";
                root = Replace(root, slot, Raw(replacement));
                break;
            }

            case Mutations.MissingField:
            {
                var objects = slots.Where(s => s.Value is JsonObject { Count: > 0 }).ToArray();
                if (objects.Length == 0)
                {
                    detail = "no field to leave out: the bare example";
                    break;
                }

                var target = (JsonObject)Pick(objects).Value!;
                var name = Pick(target.Select(p => p.Key).ToArray());
                target.Remove(name);
                detail = $"without {PathOf(slots, target)}.{name}";
                break;
            }

            case Mutations.UnknownField:
            {
                var target = Pick(slots.Where(s => s.Value is JsonObject).ToArray()) is { Value: JsonObject o } ? o : null;
                var name = Pick(UnknownNames);
                var value = Pick(OtherTypes);
                if (target is null)
                {
                    root = new JsonObject { ["value"] = root, [name] = Raw(value) };
                    detail = $"root wrapped with \"{name}\": {value}";
                    break;
                }

                target[name] = Raw(value);
                detail = $"{PathOf(slots, target)}.\"{name}\" = {value}";
                break;
            }

            case Mutations.BoundaryNumber:
            {
                var slot = PickPreferring(slots, s => s.Value is JsonValue v && v.GetValueKind() == JsonValueKind.Number);
                var number = Pick(BoundaryNumbers);
                detail = $"{slot.Path} = {number}";
                root = Replace(root, slot, Raw(number));
                break;
            }

            case Mutations.LongString:
            {
                var slot = PickPreferring(slots, IsString);
                var length = Pick(LongLengths);
                var unit = Pick(["a", "\u00e9", "\U0001F600", "\u4e2d"]);
                var text = string.Concat(Enumerable.Repeat(unit, length / unit.Length));
                detail = string.Create(CultureInfo.InvariantCulture, $"{slot.Path} = {length:N0} x U+{char.ConvertToUtf32(unit, 0):X4}");
                root = Replace(root, slot, JsonValue.Create(text));
                break;
            }

            case Mutations.ControlCharacter:
            {
                var slot = PickPreferring(slots, IsString);
                var escape = Pick(ControlEscapes);
                var around = slot.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "fuzz";
                var at = random.Next(around.Length + 1);
                detail = $"{slot.Path} with {Printable(escape)} at {at}";
                root = Replace(root, slot, Raw($"\"{around[..at]}{escape}{around[at..]}\""));
                break;
            }

            case Mutations.InvalidUtf8:
            {
                var slot = PickPreferring(slots, IsString);
                var bytes = Pick(InvalidUtf8);
                var around = slot.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "fuzz";
                var at = random.Next(around.Length + 1);
                detail = $"{slot.Path} with bytes {Convert.ToHexString(bytes)} at {at}";
                root = Replace(root, slot, Raw([.. Encoding.UTF8.GetBytes($"\"{around[..at]}"), .. bytes, .. Encoding.UTF8.GetBytes($"{around[at..]}\"")]));
                break;
            }

            case Mutations.Truncated:
            {
                var whole = Serialize(root);
                var length = whole.Length <= 1 ? 0 : 1 + random.Next(whole.Length - 1);
                return new FuzzInput(mutation, $"first {length} of {whole.Length} bytes", whole[..length]);
            }

            case Mutations.DuplicateKey:
            {
                var objects = slots.Where(s => s.Value is JsonObject { Count: > 0 }).ToArray();
                if (objects.Length == 0)
                {
                    root = Raw("{\"a\":1,\"a\":2}");
                    detail = "{\"a\":1,\"a\":2}";
                    break;
                }

                var target = (JsonObject)Pick(objects).Value!;
                var name = Pick(target.Select(p => p.Key).ToArray());
                var value = random.Next(2) == 0 ? target[name]?.ToJsonString() ?? "null" : Pick(OtherTypes);
                target[Placeholder(Encoding.UTF8.GetBytes($"\"{name}\""))] = Raw(value);
                detail = $"{PathOf(slots, target)}.{name} twice, then {value}";
                break;
            }

            case Mutations.DeepNesting:
            {
                var slot = Pick(slots);
                var depth = Pick(Depths);
                var nested = random.Next(2) == 0
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                detail = string.Create(CultureInfo.InvariantCulture, $"{slot.Path} = {nested[0]} nested {depth} deep");
                root = Replace(root, slot, Raw(nested));
                break;
            }

            case Mutations.EmptyBody:
            {
                var empty = Pick(Empties);
                return new FuzzInput(mutation, $"\"{Printable(empty)}\"", Encoding.UTF8.GetBytes(empty));
            }

            case Mutations.WrongTopLevel:
            {
                var top = Pick(["[]", $"[{root.ToJsonString()}]", "\"text\"", "42", "null", "true", "false", "-0", "\"\""]);
                detail = top.Length > 40 ? "[the valid body]" : top;
                return new FuzzInput(mutation, detail, Encoding.UTF8.GetBytes(top));
            }

            case Mutations.HugeArray:
            {
                var slot = PickPreferring(slots, s => s.Value is JsonArray);
                var item = slot.Value is JsonArray { Count: > 0 } list ? list[0]!.ToJsonString() : "0";
                var count = Math.Min(Pick(ArrayLengths), MaxBytes / (item.Length + 1));
                detail = string.Create(CultureInfo.InvariantCulture, $"{slot.Path} = {count:N0} x {(item.Length > 20 ? "the example item" : item)}");
                root = Replace(root, slot, Raw("[" + string.Join(',', Enumerable.Repeat(item, count)) + "]"));
                break;
            }

            case Mutations.SyntaxError:
                return SyntaxError(Serialize(root));

            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "not a body mutation");
        }

        return new FuzzInput(mutation, detail, Serialize(root));
    }

    private FuzzInput SyntaxError(byte[] valid)
    {
        var text = Encoding.UTF8.GetString(valid);
        var (detail, bytes) = random.Next(9) switch
        {
            0 => ("trailing comma", Encoding.UTF8.GetBytes(text.EndsWith('}') ? text[..^1] + ",}" : text + ",")),
            1 => ("single quotes", Encoding.UTF8.GetBytes(text.Replace('"', '\''))),
            2 => ("a comment first", Encoding.UTF8.GetBytes("/* fuzz */" + text)),
            3 => ("trailing garbage", Encoding.UTF8.GetBytes(text + "x")),
            4 => ("two documents", Encoding.UTF8.GetBytes(text + text)),
            5 => ("a byte-order mark first", [0xEF, 0xBB, 0xBF, .. valid]),
            6 => ("unquoted keys", Encoding.UTF8.GetBytes(text.Replace("\":", ":", StringComparison.Ordinal).Replace("{\"", "{", StringComparison.Ordinal).Replace(",\"", ",", StringComparison.Ordinal))),
            7 => ("a NUL byte after the document", [.. valid, 0x00]),
            _ => ("colons dropped", Encoding.UTF8.GetBytes(text.Replace(':', ' '))),
        };
        return new FuzzInput(Mutations.SyntaxError, detail, bytes);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private Slot PickPreferring(IReadOnlyList<Slot> slots, Func<Slot, bool> preferred) =>
        slots.Where(preferred).ToArray() is { Length: > 0 } matching ? Pick(matching) : Pick(slots);

    private static bool IsString(Slot slot) => slot.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    /// <summary>A placeholder string standing for <paramref name="raw"/>, which replaces it (quotes included) in the bytes.</summary>
    private JsonValue Raw(string raw) => Raw(Encoding.UTF8.GetBytes(raw));

    private JsonValue Raw(byte[] raw) => JsonValue.Create(Placeholder(raw));

    private string Placeholder(byte[] raw)
    {
        var placeholder = $"@@splice{_splices.Count}@@";
        _splices[placeholder] = raw;
        return placeholder;
    }

    private byte[] Serialize(JsonNode? root)
    {
        var bytes = Encoding.UTF8.GetBytes(root?.ToJsonString() ?? "null");
        foreach (var (placeholder, raw) in _splices)
        {
            var quoted = Encoding.UTF8.GetBytes($"\"{placeholder}\"");
            var at = bytes.AsSpan().IndexOf(quoted);
            if (at >= 0)
            {
                bytes = [.. bytes.AsSpan(0, at), .. raw, .. bytes.AsSpan(at + quoted.Length)];
            }
        }

        return bytes;
    }

    private static JsonNode Replace(JsonNode root, Slot slot, JsonNode replacement)
    {
        switch (slot.Parent)
        {
            case JsonObject parent:
                parent[slot.Name!] = replacement;
                return root;
            case JsonArray parent:
                parent[slot.Index] = replacement;
                return root;
            default:
                return replacement;
        }
    }

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static string PathOf(IReadOnlyList<Slot> slots, JsonNode node) => slots.First(s => ReferenceEquals(s.Value, node)).Path;

    private static string Printable(string text) => text
        .Replace("\u0000", "<NUL byte>", StringComparison.Ordinal)
        .Replace("\u0001", "<SOH byte>", StringComparison.Ordinal)
        .Replace("\r", "\\r", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\t", "\\t", StringComparison.Ordinal);

    /// <summary>Every place in the tree a value sits: the root, each field, each list item.</summary>
    private static List<Slot> Slots(JsonNode root)
    {
        var slots = new List<Slot> { new("$", null, null, 0, root) };
        for (var i = 0; i < slots.Count; i++)
        {
            var (path, _, _, _, value) = slots[i];
            if (value is JsonObject o)
            {
                slots.AddRange(o.Select(p => new Slot(path == "$" ? p.Key : $"{path}.{p.Key}", o, p.Key, 0, p.Value)));
            }
            else if (value is JsonArray a)
            {
                slots.AddRange(a.Select((item, index) => new Slot($"{path}[{index}]", a, null, index, item)));
            }
        }

        return slots;
    }

    private sealed record Slot(string Path, JsonNode? Parent, string? Name, int Index, JsonNode? Value);
}
