using System.Globalization;

namespace EdgeControl.Core.Tests;

/// <summary>Node profiles and radios a test scenario defines itself, as JSON to put in with <see cref="TestScenarios.With"/>.</summary>
internal static class CustomHardware
{
    // nodeProfiles[0] a device, nodeProfiles[1] an edge server; radios[0] and radios[1].
    public const string NodeProfiles = """
        [
          { "name": "jetson-nano", "tier": "device", "gigaMacsPerSecond": 20, "slots": 1, "activePowerW": 10, "idlePowerW": 1.5,
            "description": "NVIDIA Jetson Nano, TensorRT FP16" },
          { "name": "nuc-edge", "tier": "edge", "gigaMacsPerSecond": 40, "slots": 3, "activePowerW": 45, "idlePowerW": 8 }
        ]
        """;

    public const string Radios = """
        [
          { "name": "5g-sub6", "uplinkMilliwattsPerMbps": 100, "baseMilliwatts": 900 },
          { "name": "ble", "uplinkMilliwattsPerMbps": 50, "baseMilliwatts": 10 }
        ]
        """;

    /// <summary>The test scenario with the custom hardware defined (and not yet used), then <paramref name="edits"/> applied.</summary>
    public static string With(params (string Path, string? Value)[] edits) =>
        TestScenarios.With([("nodeProfiles", NodeProfiles), ("radios", Radios), .. edits]);

    /// <summary>A scenario of one camera on a jetson-nano of <paramref name="gigaMacsPerSecond"/> GMAC/s (noise 0, as the test scenario).</summary>
    public static string OneUserOnDeviceOf(double gigaMacsPerSecond) => With(
        ("nodeProfiles[0].gigaMacsPerSecond", gigaMacsPerSecond.ToString(CultureInfo.InvariantCulture)),
        ("users", """
            [ { "name": "camera", "device": "jetson-nano", "radio": "wifi", "accuracyRequirement": 0.65, "sloMs": 150,
                "energyWeight": 0.5, "arrivalRatePerSecond": 4, "network": { "initial": "regular" } } ]
            """));
}
