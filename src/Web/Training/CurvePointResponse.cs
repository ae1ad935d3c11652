namespace EdgeControl.Web.Training;

public sealed record CurvePointResponse(
    long RealInteractions,
    double Score,
    double WallSeconds,
    double CumulativeRegret,
    long Violations,
    double? ModelLoss);
