using EdgeControl.Core.Catalog;
using EdgeControl.Core.Domain;
using static EdgeControl.Core.Scenarios.FieldChecks;

namespace EdgeControl.Core.Scenarios;

/// <summary>
/// The node profiles and radios a scenario's servers and users can name: the catalog's
/// (<see cref="PublishedFigures"/>) and the ones the file defines in <c>nodeProfiles</c> and <c>radios</c>.
/// </summary>
/// <remarks>
/// A file may not redefine a catalog name: "rpi4" means the same board in every scenario and every
/// results table, so a file that measured its own Pi gives it its own name.
/// </remarks>
internal sealed class ScenarioHardware
{
    // Slots are requests served at full speed at once: a GPU's streams, a CPU's inference workers.
    private const int MaxSlots = 10_000;

    private readonly List<NodeProfile> _profiles = [.. PublishedFigures.NodeProfiles];
    private readonly List<RadioProfile> _radios = [.. PublishedFigures.Radios];

    private ScenarioHardware() { }

    public static ScenarioHardware Validate(ScenarioFile.NodeProfileSection[]? profiles, ScenarioFile.RadioSection[]? radios)
    {
        var hardware = new ScenarioHardware();
        profiles ??= [];
        for (var i = 0; i < profiles.Length; i++)
        {
            hardware._profiles.Add(ValidateProfile(profiles[i], $"nodeProfiles[{i}]", hardware._profiles));
        }

        radios ??= [];
        for (var i = 0; i < radios.Length; i++)
        {
            hardware._radios.Add(ValidateRadio(radios[i], $"radios[{i}]", hardware._radios));
        }

        return hardware;
    }

    public NodeProfile Profile(string? profileName, string field)
    {
        var required = Required(profileName, field);
        return _profiles.Find(p => p.Name == required)
            ?? throw new ScenarioException(field, $"unknown node profile '{required}' (known: {string.Join(", ", _profiles.Select(p => p.Name))})");
    }

    public RadioProfile Radio(string? radioName, string field)
    {
        var required = Required(radioName, field);
        return _radios.Find(r => r.Name == required)
            ?? throw new ScenarioException(field, $"unknown radio '{required}' (known: {string.Join(", ", _radios.Select(r => r.Name))})");
    }

    private static NodeProfile ValidateProfile(ScenarioFile.NodeProfileSection? p, string at, List<NodeProfile> known)
    {
        if (p is null)
        {
            throw Missing(at);
        }

        var name = NewName(p.Name, $"{at}.name", "node profile", known.Select(k => k.Name), PublishedFigures.NodeProfiles.Select(k => k.Name));
        var tierName = Required(p.Tier, $"{at}.tier");
        if (!TierNames.TryParse(tierName, out var tier))
        {
            throw new ScenarioException($"{at}.tier", $"unknown tier '{tierName}' (known: {string.Join(", ", TierNames.All)})");
        }

        var gigaMacs = Positive(p.GigaMacsPerSecond, $"{at}.gigaMacsPerSecond");
        var slots = InRange(p.Slots ?? throw Missing($"{at}.slots"), 1, MaxSlots, $"{at}.slots");
        var active = Positive(p.ActivePowerW, $"{at}.activePowerW");
        var idle = NonNegative(p.IdlePowerW, $"{at}.idlePowerW");
        if (active < idle)
        {
            throw new ScenarioException($"{at}.activePowerW", Invariant($"must be at least idlePowerW ({idle}): a board draws more computing than idle (got {active})"));
        }

        var overhead = p.ServiceOverheadMs is null ? 0 : NonNegative(p.ServiceOverheadMs, $"{at}.serviceOverheadMs");
        if (overhead > 0 && tier == Tier.Device)
        {
            throw new ScenarioException($"{at}.serviceOverheadMs", "is for edge and cloud servers (the HTTP exchange of an offloaded request); a device's own inference has none");
        }

        return new NodeProfile(name, tier, gigaMacs, slots, active, idle, p.Description ?? "", ServiceOverheadMs: overhead);
    }

    private static RadioProfile ValidateRadio(ScenarioFile.RadioSection? r, string at, List<RadioProfile> known)
    {
        if (r is null)
        {
            throw Missing(at);
        }

        var name = NewName(r.Name, $"{at}.name", "radio", known.Select(k => k.Name), PublishedFigures.Radios.Select(k => k.Name));
        return new RadioProfile(name,
            NonNegative(r.UplinkMilliwattsPerMbps, $"{at}.uplinkMilliwattsPerMbps"),
            NonNegative(r.BaseMilliwatts, $"{at}.baseMilliwatts"));
    }

    /// <summary>A name for new hardware: required, not the catalog's, not one the file already defined.</summary>
    private static string NewName(string? value, string field, string what, IEnumerable<string> known, IEnumerable<string> catalog)
    {
        var name = Required(value, field);
        if (catalog.Contains(name, StringComparer.Ordinal))
        {
            throw new ScenarioException(field,
                $"'{name}' is a catalog {what}; give yours its own name (catalog names cannot be redefined: {string.Join(", ", catalog)})");
        }

        return known.Contains(name, StringComparer.Ordinal)
            ? throw new ScenarioException(field, $"duplicate {what} '{name}'")
            : name;
    }
}
