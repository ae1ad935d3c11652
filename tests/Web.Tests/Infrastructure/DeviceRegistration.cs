using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>Registers devices the way a device would, for tests of the device endpoints.</summary>
internal static class DeviceRegistration
{
    public const string Token = "test-registration-token-0123456789";

    /// <summary>The users a test device hosts unless it says otherwise: users of the shipped scenario.</summary>
    public static readonly IReadOnlyList<string> Users = ["camera-1", "phone-1", "sensor-1"];

    public static EdgeControlAppFactory CreateApp(string connectionString, string token = Token) =>
        new(connectionString, settings: new Dictionary<string, string?> { ["Devices:RegistrationToken"] = token });

    public static string UniqueName() => $"pi-{Guid.NewGuid():N}";

    /// <summary>A valid registration body: a new name, <paramref name="profile"/>, and <paramref name="users"/> (default <see cref="Users"/>).</summary>
    public static string Body(string? name = null, string profile = "rpi4", IReadOnlyList<string>? users = null) =>
        JsonSerializer.Serialize(new { name = name ?? UniqueName(), profile, users = users ?? Users });

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

    /// <summary>A new rpi4 device hosting <paramref name="users"/> (default <see cref="Users"/>): its id and its API key.</summary>
    public static async Task<(Guid Id, string ApiKey)> RegisterDeviceAsync(HttpClient client, IReadOnlyList<string>? users = null)
    {
        using var response = await RegisterAsync(client, Body(users: users));
        response.EnsureSuccessStatusCode();
        var device = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (device.GetProperty("id").GetGuid(), device.GetProperty("apiKey").GetString()!);
    }
}
