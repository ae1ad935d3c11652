namespace EdgeControl.DeviceAgent.Options;

internal static class Usage
{
    public const string Text = """
        edgecontrol device agent: connects a device to the control plane's hub, asks for a placement decision for
        each request of its simulated users, executes it and reports the measured outcome.

        usage:
          EdgeControl.DeviceAgent --server URL --api-key KEY [--simulate N] [--scenario FILE] [--real] [--data DIR] [--stats FILE]
          EdgeControl.DeviceAgent --server URL --register --token T [--name NAME] [--profile P] [--simulate N ...]
          EdgeControl.DeviceAgent --server URL --bench-devices N --token T [--duration 60s] [--rate R] [--keys-file FILE]
          EdgeControl.DeviceAgent --bench-outbox N [--data DIR]

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
          --data DIR           the agent's state: outbox.db (every measured outcome, on disk before it is sent,
                               until acknowledged; sent again after a restart) and, after --register, device.json
                               (id and API key, mode 600: the same --data is the same device on the next start).
                               Default: $XDG_STATE_HOME/edgecontrol/agent-NAME (~/.local/state/... without
                               XDG_STATE_HOME), NAME being --name, else key-<fingerprint of the key>, else the host
          --stats FILE         write the counters as JSON every second and on exit (temporary file + rename):
                               {"nodeId", "measured", "acknowledged", "rejected", "pending", "decisionsAnswered",
                               "decisionsRefused", "poisonSent", "connected"}, cumulative over the --data directory
          --poison-every 10s   for fault tests: also report one outcome per interval whose request id holds U+0000,
                               which the server must reject (counted as poisonSent, not measured)
          --bench-devices N    hub benchmark: N devices, one connection each, round trips and latency percentiles
          --duration 60s       benchmark duration (ms, s or m)
          --rate R             requests per second per benchmark device (default 1)
          --keys-file FILE     benchmark devices' keys: reused when present, written after registering
          --bench-outbox N     outbox benchmark: the cost per outcome of writing and acknowledging N outcomes, with
                               synchronous=NORMAL (used) and FULL, in a throw-away directory under --data (default /tmp)

        The agent never stops for a server or connection fault: it keeps measuring, keeps its outcomes and
        reconnects. A key the server refuses (401: wrong or revoked) stops it with exit code 1; Ctrl-C or SIGTERM
        stops it cleanly (exit 0) after waiting up to 5 s for acknowledgements.
        """;
}
