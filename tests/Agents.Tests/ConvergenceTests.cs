using EdgeControl.Core.Evaluation;
using EdgeControl.Agents.Training;

namespace EdgeControl.Agents.Tests;

public sealed class ConvergenceTests
{
    private static List<CurvePoint> Curve(params double[] scores) =>
        scores.Select((s, i) => new CurvePoint((i + 1) * 100, s, i, 0, 0, double.NaN, double.NaN)).ToList();

    [Fact]
    public void Converges_at_the_first_evaluation_that_holds_the_threshold_for_three_more()
    {
        var curve = Curve(0.5, 0.96, 0.9, 0.95, 0.97, 0.99, 0.96, 0.5);

        Assert.Equal(400, Convergence.InteractionsTo(curve, 0.95, ScoreLoop.Open));
    }

    [Fact]
    public void A_curve_that_never_holds_the_threshold_does_not_converge()
    {
        Assert.Null(Convergence.InteractionsTo(Curve(0.96, 0.97, 0.98, 0.9, 0.99, 0.99, 0.99), 0.95, ScoreLoop.Open));
    }
}
