using System.Text.Json;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

/// <summary>
/// The device protocol is usable without .NET: examples/js-device (the official SignalR JavaScript client and fetch)
/// registers, connects to the hub, submits requests and gets every outcome acknowledged by the real app.
/// </summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed class JavaScriptDeviceTests(RealSocketAppFixture fixture)
{
    private static readonly string Example = Path.Combine(RepositoryRoot.Path, "examples", "js-device");

    [Fact]
    public async Task The_javascript_device_gets_every_outcome_it_reports_acknowledged()
    {
        var (installed, installOutput) = await ExternalCommand.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(3), Example);
        Assert.True(installed == 0, $"npm ci exited {installed}:\n{installOutput}");

        var (exitCode, output) = await ExternalCommand.RunAsync(
            "node",
            ["device.mjs", "--server", fixture.Address.ToString(), "--token", DeviceRegistration.Token, "--requests", "20"],
            TimeSpan.FromMinutes(1),
            Example);

        Assert.True(exitCode == 0, $"node device.mjs exited {exitCode}:\n{output}");
        Assert.Contains("20 submitted, 20 executed, 20 acknowledged, 0 rejected", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_javascript_device_pins_its_packages_without_download_addresses()
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Example, "package.json")));
        using var lockFile = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Example, "package-lock.json")));

        Assert.Equal("10.0.11", manifest.RootElement.GetProperty("dependencies").GetProperty("@microsoft/signalr").GetString());
        foreach (var package in lockFile.RootElement.GetProperty("packages").EnumerateObject().Where(p => p.Name.Length > 0))
        {
            Assert.False(package.Value.TryGetProperty("resolved", out _), $"{package.Name} in package-lock.json names where it was downloaded from");
            Assert.True(package.Value.TryGetProperty("integrity", out _), $"{package.Name} in package-lock.json has no integrity hash");
        }
    }
}
