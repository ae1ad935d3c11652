using System.Text.Json;
using EdgeControl.CommandLine;
using EdgeControl.DeviceAgent.Hub;

namespace EdgeControl.DeviceAgent.Storage;

/// <summary>
/// The identity of a device that registered itself (<c>--register</c>): its id, name and API key in
/// <c>DIR/device.json</c>, mode 600 because the key is a secret, so a restarted agent with the same <c>--data</c> is
/// the same device instead of registering a new one.
/// </summary>
internal static class DeviceIdentityFile
{
    public const string FileName = "device.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The stored device, or null when this directory has none.</summary>
    /// <exception cref="DeviceAgentException">the file is there but unreadable.</exception>
    public static RegisteredDevice? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var device = JsonSerializer.Deserialize<RegisteredDevice>(File.ReadAllText(path), Json);
            return device is { ApiKey.Length: > 0 } ? device : throw new JsonException("no apiKey");
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new DeviceAgentException($"Cannot read the device identity {path} ({error.Message}): fix or delete it (deleting registers a new device).");
        }
    }

    /// <summary>Writes the identity atomically with mode 600 (<see cref="SecretFile"/>).</summary>
    public static void Save(string directory, RegisteredDevice device) => SecretFile.Save(directory, FileName, device, Json);
}
