using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

/// <summary>The outcome rules' settings (section <c>Outcomes</c>) are checked at start: a bad one stops start-up naming it.</summary>
public sealed class OutcomeOptionsTests
{
    [Theory]
    [InlineData("Outcomes:DecisionWindow", "00:00:00", "Outcomes:DecisionWindow must be a positive time span")]
    [InlineData("Outcomes:MaxClockSkew", "-00:01:00", "Outcomes:MaxClockSkew must be a positive time span")]
    [InlineData("Outcomes:MaxLatencyMs", "0", "Outcomes:MaxLatencyMs must be a number of milliseconds > 0")]
    [InlineData("Outcomes:MaxEnergyJ", "-1", "Outcomes:MaxEnergyJ must be a number of joules > 0")]
    public async Task A_bad_setting_stops_start_up_naming_it(string key, string value, string message)
    {
        // Nothing listens on port 9: the settings are refused before the database is ever asked.
        await using var app = new EdgeControlAppFactory("Host=127.0.0.1;Port=9;Database=none", settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
