using System.Globalization;

namespace EdgeControl.Core.Scenarios;

/// <summary>The loader's checks of one value, each failing with a <see cref="ScenarioException"/> that names the field.</summary>
internal static class FieldChecks
{
    public static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(field) : value;

    public static ScenarioException Missing(string field) => new(field, "is required");

    public static double Positive(double? value, string field)
    {
        var v = value ?? throw Missing(field);
        return v > 0 && double.IsFinite(v) ? v : throw new ScenarioException(field, Invariant($"must be a positive number (got {v})"));
    }

    public static double NonNegative(double? value, string field)
    {
        var v = value ?? throw Missing(field);
        return v >= 0 && double.IsFinite(v) ? v : throw new ScenarioException(field, Invariant($"must be zero or positive (got {v})"));
    }

    public static double InRange(double v, double min, double max, string field) =>
        v >= min && v <= max ? v : throw new ScenarioException(field, Invariant($"must be between {min} and {max} (got {v})"));

    public static int InRange(int v, int min, int max, string field) =>
        v >= min && v <= max ? v : throw new ScenarioException(field, Invariant($"must be between {min} and {max} (got {v})"));

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
