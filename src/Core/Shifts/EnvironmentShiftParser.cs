using System.Globalization;

namespace EdgeControl.Core.Shifts;

/// <summary>Reads shifts as written on a command line: <c>uplink/10</c>, <c>background:edge-1*3</c>, <c>remove:cloud-1</c>, or several separated by commas.</summary>
public static class EnvironmentShiftParser
{
    /// <exception cref="FormatException">A part is none of <see cref="EnvironmentShift.AcceptedForms"/>; the message says which and why.</exception>
    public static IReadOnlyList<EnvironmentShift> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Select(ParseOne).ToList();
    }

    private static EnvironmentShift ParseOne(string part)
    {
        if (part.StartsWith("uplink/", StringComparison.Ordinal))
        {
            return new UplinkShift(1.0 / Factor(part, part["uplink/".Length..], allowZero: false));
        }

        if (part.StartsWith("uplink*", StringComparison.Ordinal))
        {
            return new UplinkShift(Factor(part, part["uplink*".Length..], allowZero: false));
        }

        if (part.StartsWith("background:", StringComparison.Ordinal))
        {
            var rest = part["background:".Length..];
            var star = rest.LastIndexOf('*');
            if (star <= 0)
            {
                throw Bad(part, "background needs a server and a factor, as in background:edge-1*3");
            }

            return new BackgroundShift(rest[..star], Factor(part, rest[(star + 1)..], allowZero: true));
        }

        if (part.StartsWith("remove:", StringComparison.Ordinal))
        {
            var server = part["remove:".Length..];
            return server.Length > 0 ? new ServerRemoval(server) : throw Bad(part, "remove needs a server name, as in remove:cloud-1");
        }

        throw Bad(part, "unknown kind of shift");
    }

    private static double Factor(string part, string text, bool allowZero)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) || !double.IsFinite(factor))
        {
            throw Bad(part, $"'{text}' is not a number");
        }

        return factor > 0 || (allowZero && factor == 0)
            ? factor
            : throw Bad(part, $"the factor must be {(allowZero ? ">= 0" : "> 0")} (got {text})");
    }

    private static FormatException Bad(string part, string why) =>
        new($"'{part}' is not a shift ({why}); accepted: {EnvironmentShift.AcceptedForms}");
}
