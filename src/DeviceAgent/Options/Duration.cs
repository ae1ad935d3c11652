using System.Globalization;

namespace EdgeControl.DeviceAgent.Options;

/// <summary>
/// A duration as the command line writes it: "500ms", "30s", "2m", or a bare number of seconds. A type of its own so the
/// generated help shows a default as "5s", the way it is typed, rather than TimeSpan's "00:00:05".
/// </summary>
internal readonly record struct Duration(TimeSpan Value)
{
    /// <summary>The longest accepted: one day.</summary>
    private const double MaxSeconds = 86_400;

    public static Duration FromSeconds(double seconds) => new(TimeSpan.FromSeconds(seconds));

    public static bool TryParse(string text, out Duration duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        var valid = double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value * unit <= MaxSeconds;
        duration = valid ? FromSeconds(value * unit) : default;
        return valid;
    }

    public override string ToString() =>
        Value.TotalSeconds < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Value.TotalMilliseconds:0.###}ms")
            : string.Create(CultureInfo.InvariantCulture, $"{Value.TotalSeconds:0.###}s");
}
