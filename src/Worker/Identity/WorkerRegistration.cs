using System.Net;
using System.Net.Http.Json;
using EdgeControl.Protocol;
using EdgeControl.Worker.ControlPlane;

namespace EdgeControl.Worker.Identity;

/// <summary>Registers a worker with the control plane: <c>POST /api/v1/workers</c> with the registration token.</summary>
public static class WorkerRegistration
{
    /// <summary>The header the control plane reads the registration token from (as for devices).</summary>
    public const string RegistrationTokenHeader = "X-Registration-Token";

    /// <summary>
    /// The registered worker with its keys (the only time the server shows them). A refusal (4xx but 429) is a
    /// <see cref="WorkerStartException"/>; an unreachable or overloaded server an <see cref="HttpRequestException"/>.
    /// </summary>
    public static async Task<RegisteredWorker> RegisterAsync(HttpClient http, Uri server, string token, RegisterWorkerRequest worker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, ControlPlaneAddress.Of(server, WorkerContract.RegistrationPath))
        {
            Content = JsonContent.Create(worker),
        };
        request.Headers.Add(RegistrationTokenHeader, token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return await response.Content.ReadFromJsonAsync<RegisteredWorker>(cancellationToken)
                ?? throw new HttpRequestException("the registration answer was empty");
        }

        var detail = ProblemSummary.Of(await response.Content.ReadAsStringAsync(cancellationToken));
        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests || response.StatusCode == HttpStatusCode.NotFound)
        {
            // Down, overloaded, or (404) a control plane without worker registration yet: worth a retry.
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}: {detail}", null, response.StatusCode);
        }

        throw new WorkerStartException($"The control plane refused to register worker '{worker?.Name}' ({(int)response.StatusCode} {response.ReasonPhrase}): {detail}");
    }
}
