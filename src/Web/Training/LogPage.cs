namespace EdgeControl.Web.Training;

/// <summary>
/// One read of the decision log: the rows of every transaction in [from, <paramref name="Next"/>), all of which had
/// ended when it was read, so the next read starts at <paramref name="Next"/> and no row is read twice or skipped.
/// <paramref name="CaughtUp"/>: the read reached the horizon (wait before reading again); false: more rows wait now.
/// </summary>
internal sealed record LogPage(IReadOnlyList<FollowedRow> Rows, ulong Next, bool CaughtUp);
