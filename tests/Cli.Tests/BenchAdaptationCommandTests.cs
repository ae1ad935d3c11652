using System.Text.Json;
using System.Xml.Linq;

namespace EdgeControl.Cli.Tests;

/// <summary>
/// <c>edgecontrol bench adaptation</c> end to end. Only tabular Q-learning is trained here: it takes a fraction of a
/// second, where TorchSharp learners take many.
/// </summary>
public sealed class BenchAdaptationCommandTests : IDisposable
{
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("edgecontrol-adaptation-");

    public void Dispose() => _out.Delete(recursive: true);

    [Theory]
    [InlineData("drop:edge-1", "'drop:edge-1' is not a shift (unknown kind of shift)")]
    [InlineData("uplink/0", "'uplink/0' is not a shift (the factor must be > 0")]
    [InlineData("background:edge-1", "'background:edge-1' is not a shift (background needs a server and a factor")]
    public void A_shift_in_no_accepted_form_is_a_usage_error_naming_the_option_and_the_forms(string shift, string why)
    {
        var result = Adaptation(shift);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"option --shift cannot be read: {why}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("accepted: uplink/F or uplink*F", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("remove:SERVER", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_out.EnumerateFileSystemInfos());
    }

    [Fact]
    public void A_shift_of_a_server_the_scenario_lacks_is_a_usage_error_naming_the_servers_there_are()
    {
        var result = Adaptation("remove:cloud-9");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("option --shift names a server the scenario lacks: no server 'cloud-9' in scenario 'paper-mobilenet' (servers: edge-1, cloud-1)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_one_takes_a_shift_only_with_the_step_it_happens_at()
    {
        var result = EdgeControlProcess.Run("bench", "run-one", "--scenario", EdgeControlProcess.ShippedScenario, "--agent", "qlearning", "--shift", "uplink/10");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("options --shift and --shift-at go together", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_run_reports_recovery_per_loop_from_the_shift_and_writes_results_curves_and_the_picture()
    {
        var result = Adaptation("uplink/10,background:edge-1*3", "--json");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out.FullName, "results.json")));
        using var printed = JsonDocument.Parse(result.Stdout);
        Assert.Equal(written.RootElement.ToString(), printed.RootElement.ToString());
        var report = written.RootElement.GetProperty("report");
        Assert.Equal("uplink/10,background:edge-1*3", report.GetProperty("shift").GetString());
        Assert.Equal(500, report.GetProperty("at").GetInt64());
        var agent = Assert.Single(report.GetProperty("agents").EnumerateArray());
        foreach (var loop in new[] { "closedLoop", "openLoop" })
        {
            var recovery = agent.GetProperty(loop).GetProperty("recovery");
            Assert.InRange(recovery.GetProperty("max").GetInt64(), 0, 500);
            Assert.Equal(2, recovery.GetProperty("seeds").GetInt32());
        }

        // Every seed is scored right at the shift, in the changed environment, and goes on from there.
        var curves = File.ReadAllLines(Path.Combine(_out.FullName, "curves.csv"));
        Assert.Single(curves, l => l.StartsWith("qlearning,1,500,", StringComparison.Ordinal));
        Assert.Single(curves, l => l.StartsWith("qlearning,2,500,", StringComparison.Ordinal));
        Assert.Contains(curves, l => l.StartsWith("qlearning,1,525,", StringComparison.Ordinal));
        Assert.Equal("svg", XDocument.Load(Path.Combine(_out.FullName, "curves.svg")).Root!.Name.LocalName);
        Assert.True(new FileInfo(Path.Combine(_out.FullName, "curves.png")).Length > 0);
    }

    private CommandResult Adaptation(string shift, params string[] more) =>
        EdgeControlProcess.Run(["bench", "adaptation", "--scenario", EdgeControlProcess.ShippedScenario, "--shift", shift, "--at", "500",
            "--agents", "qlearning", "--seeds", "2", "--recover-within", "500", "--out", _out.FullName, .. more]);
}
