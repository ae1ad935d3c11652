using EdgeControl.Core.Domain;
using EdgeControl.Protocol;
using EdgeControl.Worker.ControlPlane;
using EdgeControl.Worker.Options;

namespace EdgeControl.Worker.Identity;

/// <summary>
/// Which worker this is: the one stored in its data directory when it registered before (no registration, so it starts
/// and serves even while the control plane is down), else a new registration, kept there. Registration is retried for
/// as long as the control plane is unreachable: a worker started before its server waits for it.
/// </summary>
internal static class WorkerIdentity
{
    public static async Task<RegisteredWorker> ResolveAsync(WorkerOptions options, TextWriter output, CancellationToken stop)
    {
        var directory = options.DataDirectory!;
        var identityPath = Path.Combine(directory, WorkerIdentityFile.FileName);
        if (WorkerIdentityFile.Load(directory) is { } stored)
        {
            if (!string.Equals(stored.Name, options.Name, StringComparison.Ordinal))
            {
                throw new WorkerStartException($"The data directory {directory} belongs to worker '{stored.Name}', not '{options.Name}': give this worker its own --data-dir.");
            }

            output.WriteLine($"worker '{stored.Name}' (id {stored.Id}) from {identityPath}: not registering again");
            if (stored.Url != options.PublicUrl || stored.Tier != TierNames.Of(options.Tier))
            {
                output.WriteLine($"note: registered as {stored.Tier} at {stored.Url}; the control plane keeps sending devices there (delete {identityPath} to register anew)");
            }

            return stored;
        }

        if (string.IsNullOrEmpty(options.RegistrationToken))
        {
            throw new WorkerStartException(
                $"Worker '{options.Name}' must register first ({directory} holds no {WorkerIdentityFile.FileName}): give --registration-token T or set {WorkerCommandNames.RegistrationTokenVariable}.");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var request = new RegisterWorkerRequest(options.Name, TierNames.Of(options.Tier), options.PublicUrl);
        var retry = ControlPlaneRetry.Forever(output.WriteLine, $"register at {options.Server}", error => error is WorkerStartException);
        var worker = await retry.ExecuteAsync(
            async token => await WorkerRegistration.RegisterAsync(http, options.Server!, options.RegistrationToken, request, token), stop);
        WorkerIdentityFile.Save(directory, worker);
        output.WriteLine($"registered worker '{worker.Name}' ({worker.Tier}, {worker.Url}): id {worker.Id}; its keys are kept in {identityPath}");
        return worker;
    }
}
