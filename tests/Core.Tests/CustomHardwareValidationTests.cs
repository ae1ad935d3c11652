using EdgeControl.Core.Scenarios;

namespace EdgeControl.Core.Tests;

/// <summary>Every way a custom node profile or radio can be wrong is reported as "field: reason", naming the field.</summary>
public class CustomHardwareValidationTests
{
    [Theory]
    // node profiles
    [InlineData("nodeProfiles", "{}", "nodeProfiles", "list")]
    [InlineData("nodeProfiles[1]", "null", "nodeProfiles[1]", "is required")]
    [InlineData("nodeProfiles[0].name", null, "nodeProfiles[0].name", "is required")]
    [InlineData("nodeProfiles[0].name", "\" \"", "nodeProfiles[0].name", "is required")]
    [InlineData("nodeProfiles[0].name", "\"rpi4\"", "nodeProfiles[0].name", "'rpi4' is a catalog node profile; give yours its own name")]
    [InlineData("nodeProfiles[1].name", "\"cloud-gpu\"", "nodeProfiles[1].name", "'cloud-gpu' is a catalog node profile")]
    [InlineData("nodeProfiles[1].name", "\"jetson-nano\"", "nodeProfiles[1].name", "duplicate node profile 'jetson-nano'")]
    [InlineData("nodeProfiles[0].tier", null, "nodeProfiles[0].tier", "is required")]
    [InlineData("nodeProfiles[0].tier", "\"gpu\"", "nodeProfiles[0].tier", "unknown tier 'gpu' (known: device, edge, cloud)")]
    [InlineData("nodeProfiles[1].tier", "\"Edge\"", "nodeProfiles[1].tier", "unknown tier 'Edge'")]
    [InlineData("nodeProfiles[0].tier", "1", "nodeProfiles[0].tier", "string")]
    [InlineData("nodeProfiles[0].gigaMacsPerSecond", null, "nodeProfiles[0].gigaMacsPerSecond", "is required")]
    [InlineData("nodeProfiles[0].gigaMacsPerSecond", "0", "nodeProfiles[0].gigaMacsPerSecond", "positive")]
    [InlineData("nodeProfiles[1].gigaMacsPerSecond", "\"fast\"", "nodeProfiles[1].gigaMacsPerSecond", "number")]
    [InlineData("nodeProfiles[1].slots", null, "nodeProfiles[1].slots", "is required")]
    [InlineData("nodeProfiles[1].slots", "0", "nodeProfiles[1].slots", "between 1 and 10000")]
    [InlineData("nodeProfiles[1].slots", "10001", "nodeProfiles[1].slots", "between 1 and 10000")]
    [InlineData("nodeProfiles[1].slots", "2.5", "nodeProfiles[1].slots", "whole number")]
    [InlineData("nodeProfiles[0].activePowerW", null, "nodeProfiles[0].activePowerW", "is required")]
    [InlineData("nodeProfiles[0].activePowerW", "0", "nodeProfiles[0].activePowerW", "positive")]
    [InlineData("nodeProfiles[0].activePowerW", "1", "nodeProfiles[0].activePowerW", "must be at least idlePowerW (1.5)")]
    [InlineData("nodeProfiles[0].idlePowerW", null, "nodeProfiles[0].idlePowerW", "is required")]
    [InlineData("nodeProfiles[1].idlePowerW", "-1", "nodeProfiles[1].idlePowerW", "zero or positive")]
    [InlineData("nodeProfiles[1].description", "7", "nodeProfiles[1].description", "string")]
    [InlineData("nodeProfiles[1].serviceOverheadMs", "-0.5", "nodeProfiles[1].serviceOverheadMs", "zero or positive")]
    [InlineData("nodeProfiles[1].serviceOverheadMs", "\"2 ms\"", "nodeProfiles[1].serviceOverheadMs", "number")]
    [InlineData("nodeProfiles[0].serviceOverheadMs", "3", "nodeProfiles[0].serviceOverheadMs", "is for edge and cloud servers")]
    [InlineData("nodeProfiles[0].watts", "5", "nodeProfiles[0].watts", "unknown property 'watts'")]
    // radios
    [InlineData("radios", "\"wifi\"", "radios", "list")]
    [InlineData("radios[0]", "null", "radios[0]", "is required")]
    [InlineData("radios[0].name", null, "radios[0].name", "is required")]
    [InlineData("radios[0].name", "\"wifi\"", "radios[0].name", "'wifi' is a catalog radio; give yours its own name")]
    [InlineData("radios[1].name", "\"5g-sub6\"", "radios[1].name", "duplicate radio '5g-sub6'")]
    [InlineData("radios[0].uplinkMilliwattsPerMbps", null, "radios[0].uplinkMilliwattsPerMbps", "is required")]
    [InlineData("radios[0].uplinkMilliwattsPerMbps", "-1", "radios[0].uplinkMilliwattsPerMbps", "zero or positive")]
    [InlineData("radios[1].baseMilliwatts", null, "radios[1].baseMilliwatts", "is required")]
    [InlineData("radios[1].baseMilliwatts", "\"low\"", "radios[1].baseMilliwatts", "number")]
    [InlineData("radios[1].alpha", "1", "radios[1].alpha", "unknown property 'alpha'")]
    // using them
    [InlineData("servers[0].profile", "\"jetson-nano\"", "servers[0].profile", "'jetson-nano' is a device profile; a server needs an edge or cloud profile")]
    [InlineData("users[0].device", "\"nuc-edge\"", "users[0].device", "'nuc-edge' is a server profile (edge tier), not a device")]
    [InlineData("users[0].device", "\"jetson-orin\"", "users[0].device", "unknown node profile 'jetson-orin' (known: rpi4, rpi3, edge-cpu, cloud-gpu, jetson-nano, nuc-edge)")]
    [InlineData("servers[1].profile", "\"nuc\"", "servers[1].profile", "unknown node profile 'nuc' (known: rpi4, rpi3, edge-cpu, cloud-gpu, jetson-nano, nuc-edge)")]
    [InlineData("users[1].radio", "\"5g\"", "users[1].radio", "unknown radio '5g' (known: wifi, lte, 3g, 5g-sub6, ble)")]
    public void Each_invalid_custom_hardware_field_is_named_with_its_reason(string path, string? value, string field, string reason)
    {
        var json = CustomHardware.With((path, value));

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal($"{field}: {error.Reason}", error.Message);
    }

    [Fact]
    public void Hardware_defined_and_used_by_nobody_is_valid_and_changes_nothing()
    {
        var plain = TestScenarios.Valid();

        var withUnused = ScenarioLoader.Parse(CustomHardware.With());

        Assert.Equal(plain.Servers, withUnused.Servers);
        Assert.Equal(plain.Users.Select(u => (u.Device, u.Radio)), withUnused.Users.Select(u => (u.Device, u.Radio)));
    }

    [Fact]
    public void Empty_lists_of_custom_hardware_are_valid()
    {
        var scenario = TestScenarios.Load(("nodeProfiles", "[]"), ("radios", "[]"));

        Assert.Equal("rpi4", scenario.Users[0].Device.Name);
    }
}
