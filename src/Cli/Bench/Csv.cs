using System.Globalization;

namespace EdgeControl.Cli.Bench;

/// <summary>RFC 4180 fields with invariant numbers.</summary>
internal static class Csv
{
    public static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    /// <summary>Shortest round-trip form; NaN (no value) is an empty field.</summary>
    public static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Row(params string[] fields) => string.Join(',', fields);
}
