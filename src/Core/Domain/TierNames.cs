namespace EdgeControl.Core.Domain;

/// <summary>
/// How a <see cref="Tier"/> is written in scenario files, reports, logs and the API: "device", "edge",
/// "cloud". The one place these spellings live.
/// </summary>
public static class TierNames
{
    /// <summary>Every tier's name, in <see cref="Tier"/> order.</summary>
    public static IReadOnlyList<string> All { get; } = [Of(Tier.Device), Of(Tier.Edge), Of(Tier.Cloud)];

    public static string Of(Tier tier) => tier switch
    {
        Tier.Device => "device",
        Tier.Edge => "edge",
        Tier.Cloud => "cloud",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "no such tier"),
    };

    /// <summary>The tier written <paramref name="name"/> (exactly: names are lower case), if any.</summary>
    public static bool TryParse(string? name, out Tier tier)
    {
        foreach (var candidate in Enum.GetValues<Tier>())
        {
            if (string.Equals(name, Of(candidate), StringComparison.Ordinal))
            {
                tier = candidate;
                return true;
            }
        }

        tier = default;
        return false;
    }
}
