using System.Text.Json;
using EdgeControl.DeviceAgent.Hub;

namespace EdgeControl.DeviceAgent.Bench;

/// <summary>
/// The benchmark's devices: reused from the keys file when it has enough, the rest registered (and saved). Device i
/// hosts the scenario's user i mod the number of users, the one <see cref="HubBenchmark"/> gives it.
/// </summary>
internal static class BenchDeviceKeys
{
    private const int ParallelRegistrations = 16;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<IReadOnlyList<RegisteredDevice>> GetAsync(
        Uri server, string? token, int count, IReadOnlyList<string> users, string? keysFile, TextWriter output, CancellationToken stop)
    {
        var devices = new List<RegisteredDevice>();
        if (keysFile is not null && File.Exists(keysFile))
        {
            try
            {
                devices.AddRange(JsonSerializer.Deserialize<List<RegisteredDevice>>(await File.ReadAllTextAsync(keysFile, stop), Json) ?? []);
            }
            catch (JsonException error)
            {
                throw new DeviceAgentException($"The keys file '{keysFile}' (--keys-file) is not a list of registered devices: {error.Message}");
            }

            output.WriteLine($"reusing {Math.Min(devices.Count, count)} devices from {keysFile}");
        }

        var missing = count - devices.Count;
        if (missing > 0)
        {
            if (token is null)
            {
                throw new DeviceAgentException($"{missing} more benchmark devices must be registered: give --token T (the server's registration token).");
            }

            output.WriteLine($"registering {missing} devices...");
            var tag = Guid.NewGuid().ToString("N")[..6];
            var registered = new RegisteredDevice[missing];
            var first = devices.Count;
            using var http = new HttpClient();
            await Parallel.ForAsync(0, missing, new ParallelOptions { MaxDegreeOfParallelism = ParallelRegistrations, CancellationToken = stop }, async (i, ct) =>
                registered[i] = await DeviceRegistrar.RegisterAsync(http, server, token, $"bench-{tag}-{i}", "rpi4", [users[(first + i) % users.Count]], ct));
            devices.AddRange(registered);
            if (keysFile is not null)
            {
                await File.WriteAllTextAsync(keysFile, JsonSerializer.Serialize(devices, Json), stop);
            }
        }

        return devices.Take(count).ToList();
    }
}
