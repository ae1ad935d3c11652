namespace EdgeControl.Agents.Training;

/// <summary>One evaluation of the greedy policy during training.</summary>
public sealed record CurvePoint(long RealInteractions, double Score, double WallSeconds);
