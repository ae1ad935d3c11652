namespace EdgeControl.DeviceAgent.Options;

internal static class Usage
{
    public const string Text = """
        edgecontrol device agent: connects a device to the control plane's hub, asks for a placement decision for
        each request of its simulated users, executes it and reports the measured outcome.

        usage:
          EdgeControl.DeviceAgent --server URL --api-key KEY [--simulate N] [--scenario FILE] [--real]
          EdgeControl.DeviceAgent --server URL --register --token T [--name NAME] [--profile P] [--simulate N ...]
          EdgeControl.DeviceAgent --server URL --bench-devices N --token T [--duration 60s] [--rate R] [--keys-file FILE]

        options:
          --server URL         the control plane (e.g. http://127.0.0.1:5000)
          --api-key KEY        this device's API key (shown once at registration)
          --register           register this device first (POST /api/v1/devices) and print its id and key
          --token T            the registration token (Devices:RegistrationToken on the server)
          --name NAME          device name at registration (default: agent-<host>-<random>)
          --profile P          device profile at registration (default rpi4)
          --simulate N         host the scenario's first N users (default 1); requests arrive as in the twin
          --scenario FILE      scenario file (default: scenarios/paper-mobilenet.json of the repository)
          --real               run on-device placements as real TorchSharp MobileNetV1 inference
          --seed S             seed of the simulated users (default 1)
          --heartbeat 5s       heartbeat interval (the server's DeviceHub:HeartbeatInterval)
          --bench-devices N    hub benchmark: N devices, one connection each, round trips and latency percentiles
          --duration 60s       benchmark duration (ms, s or m)
          --rate R             requests per second per benchmark device (default 1)
          --keys-file FILE     benchmark devices' keys: reused when present, written after registering
        """;
}
