namespace EdgeControl.Web.Dashboard.Workers;

/// <summary>The registered workers (edge and cloud nodes with a URL) with their status, load and measured profile.</summary>
public interface IWorkerStatus
{
    Task<IReadOnlyList<WorkerView>> WorkersAsync(CancellationToken cancellationToken);
}
