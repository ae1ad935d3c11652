namespace EdgeControl.Web.Decisions;

/// <summary>Where a published policy comes from: its training run, and the window whose publications devices are served the average of (<see cref="ServingAverage"/>; zero: the newest alone).</summary>
public sealed record ServingLineage(Guid RunId, TimeSpan AverageOver);
