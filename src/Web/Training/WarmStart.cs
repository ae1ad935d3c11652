namespace EdgeControl.Web.Training;

/// <summary>
/// Where a new run's learner starts when not from scratch: the latest checkpoint of the named run
/// (<see cref="FromRun"/>), or of the run that checkpointed last with the same learner on the same scenario
/// (<see cref="Latest"/>), e.g. one trained offline by <c>edgecontrol train --from-log</c>.
/// </summary>
internal sealed record WarmStart(Guid? FromRun)
{
    public static readonly WarmStart Latest = new(FromRun: null);
}
