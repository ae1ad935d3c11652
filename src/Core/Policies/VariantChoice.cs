using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Policies;

/// <summary>Prior knowledge every policy may use: which variants can meet a request's accuracy requirement.</summary>
public static class VariantChoice
{
    /// <summary>The cheapest variant (fewest MACs) that meets the requirement, else the most accurate one.</summary>
    public static int CheapestMeeting(IReadOnlyList<ModelVariant> catalog, double accuracyRequirement)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var best = -1;
        var mostAccurate = 0;
        for (var v = 0; v < catalog.Count; v++)
        {
            if (catalog[v].Top1 > catalog[mostAccurate].Top1)
            {
                mostAccurate = v;
            }

            if (catalog[v].Top1 >= accuracyRequirement && (best < 0 || catalog[v].MegaMacs < catalog[best].MegaMacs))
            {
                best = v;
            }
        }

        return best >= 0 ? best : mostAccurate;
    }
}
