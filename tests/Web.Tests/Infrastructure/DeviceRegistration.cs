using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>Registers devices the way a device would, for tests of the device endpoints.</summary>
internal static class DeviceRegistration
{
    public const string Token = "test-registration-token-0123456789";

    public static EdgeControlAppFactory CreateApp(string connectionString, string token = Token) =>
        new(connectionString, settings: new Dictionary<string, string?> { ["Devices:RegistrationToken"] = token });

    public static string UniqueName() => $"pi-{Guid.NewGuid():N}";

    public static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string body, string? token = Token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/devices", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Add("X-Registration-Token", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A new rpi4 device: its id and its API key.</summary>
    public static async Task<(Guid Id, string ApiKey)> RegisterDeviceAsync(HttpClient client)
    {
        using var response = await RegisterAsync(client, $$"""{ "name": "{{UniqueName()}}", "profile": "rpi4" }""");
        response.EnsureSuccessStatusCode();
        var device = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (device.GetProperty("id").GetGuid(), device.GetProperty("apiKey").GetString()!);
    }
}
