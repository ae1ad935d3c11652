using System.ComponentModel.DataAnnotations;
using EdgeControl.Data;

namespace EdgeControl.Web.Cluster;

/// <summary>The <c>Cluster</c> section: how this instance names itself to the others that share its database.</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>
    /// This instance's name in the trainer lease and on the dashboard; unique per instance. Default: the host name and
    /// process id, which is unique but changes at every restart.
    /// </summary>
    [StringLength(TrainerLeaseEntity.MaxHolderLength, MinimumLength = 1)]
    [RegularExpression(@"^[A-Za-z0-9._:-]+$", ErrorMessage = "Cluster:InstanceName may hold letters, digits and . _ : - only.")]
    public string InstanceName { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
