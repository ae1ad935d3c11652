using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// Registers a device with the control plane (<c>POST /api/v1/devices</c> with the registration token), with the users
/// it hosts: the control plane answers decisions for, and accepts outcomes of, these users only.
/// </summary>
public static class DeviceRegistrar
{
    public const string RegistrationTokenHeader = "X-Registration-Token";

    /// <summary>
    /// The new device's id and API key (the only time the server shows the key). A refusal is a
    /// <see cref="DeviceAgentException"/>; an unreachable or overloaded server (5xx, 429) an <see cref="HttpRequestException"/>.
    /// </summary>
    public static async Task<RegisteredDevice> RegisterAsync(
        HttpClient http, Uri server, string token, string name, string profile, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.ToString().TrimEnd('/') + "/api/v1/devices"))
        {
            Content = JsonContent.Create(new { name, profile, users }),
        };
        request.Headers.Add(RegistrationTokenHeader, token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return new RegisteredDevice(body.GetProperty("id").GetGuid(), name, body.GetProperty("apiKey").GetString()!);
        }

        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // The server is there but cannot register now (its database is down, or too many at once): worth a retry.
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}: {ProblemSummary.Of(detail)}", null, response.StatusCode);
        }

        throw new DeviceAgentException($"The server refused to register '{name}' ({(int)response.StatusCode} {response.ReasonPhrase}): {ProblemSummary.Of(detail)}");
    }
}
