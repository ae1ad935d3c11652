using System.Linq.Expressions;
using EdgeControl.Agents.Training;
using EdgeControl.Data;

namespace EdgeControl.Web.Training;

/// <summary>
/// A learning-curve point to and from its row. The agents' <see cref="CurvePoint"/> says "not measured" with NaN, the
/// table with NULL (a learner that reports no loss; a point stored before closed-loop scores were, see the migration
/// ClosedLoopScores): PostgreSQL would store a NaN, and a NaN in an API answer is not JSON.
/// </summary>
internal static class StoredCurvePoints
{
    /// <summary>For queries: EF Core translates it, so a read selects the columns, not the entities.</summary>
    public static readonly Expression<Func<CurvePointEntity, CurvePoint>> ToCurvePoint = p => new CurvePoint(
        p.RealInteractions, p.Score, p.WallSeconds, p.CumulativeRegret, p.Violations, p.ModelLoss ?? double.NaN, p.ClosedLoopScore ?? double.NaN);

    public static readonly Expression<Func<CurvePointEntity, CurvePointResponse>> ToResponse = p => new CurvePointResponse(
        p.RealInteractions, p.ClosedLoopScore, p.Score, p.WallSeconds, p.CumulativeRegret, p.Violations, p.ModelLoss);

    public static CurvePointEntity ToEntity(Guid runId, CurvePoint point) => new()
    {
        RunId = runId,
        RealInteractions = point.RealInteractions,
        Score = point.Score,
        ClosedLoopScore = Measured(point.ClosedLoopScore),
        WallSeconds = point.WallSeconds,
        CumulativeRegret = point.CumulativeRegret,
        Violations = point.Violations,
        ModelLoss = Measured(point.ModelLoss),
    };

    private static double? Measured(double value) => double.IsFinite(value) ? value : null;
}
