namespace EdgeControl.Web.Cluster;

/// <summary>The trainer lease's timing, in the <c>Cluster</c> section (<c>Cluster:LeaseDuration</c>, <c>Cluster:LeaseRenewInterval</c>).</summary>
internal sealed class TrainerLeaseOptions
{
    /// <summary>
    /// How long a taken or renewed lease lasts by the database's clock: the longest a dead trainer keeps the others
    /// waiting (hand-over within this plus <see cref="TrainerLease.TakeInterval"/>), and how long a trainer that cannot
    /// reach the database goes on before it stops by itself.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How often the holder renews; below half of <see cref="LeaseDuration"/>, so one failed renewal is not yet a lost lease.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(2);
}
