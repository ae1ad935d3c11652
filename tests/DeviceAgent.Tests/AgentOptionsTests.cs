using EdgeControl.DeviceAgent.Options;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>The agent's command line: what it accepts, and one clear sentence for each thing it does not.</summary>
public sealed class AgentOptionsTests
{
    [Fact]
    public void A_registered_device_simulating_users_of_the_shipped_scenario_parses()
    {
        var options = Parse("--server", "http://127.0.0.1:5000", "--api-key", "ec_key", "--simulate", "8", "--real");

        Assert.Equal(new Uri("http://127.0.0.1:5000"), Assert.Single(options.Servers));
        Assert.Equal("ec_key", options.ApiKey);
        Assert.Equal(8, options.Users);
        Assert.True(options.Real);
        Assert.Equal("paper-mobilenet", options.Scenario!.Name);
        Assert.Null(options.BenchDevices);
    }

    [Fact]
    public void Registration_and_benchmark_options_parse()
    {
        var register = Parse("--server", "http://h:1", "--register", "--token", "t", "--name", "pi-1");
        Assert.True(register.Register);
        Assert.Equal("pi-1", register.Name);

        var bench = Parse("--server=http://h:1", "--bench-devices", "1000", "--duration", "90s", "--rate", "2", "--token", "t");
        Assert.Equal(1000, bench.BenchDevices);
        Assert.Equal(TimeSpan.FromSeconds(90), bench.Duration);
        Assert.Equal(2, bench.Rate);
        Assert.Equal(TimeSpan.FromMilliseconds(500), Parse("--server", "http://h:1", "--api-key", "k", "--heartbeat", "500ms").HeartbeatInterval);
    }

    [Fact]
    public void Several_instances_of_one_control_plane_parse_in_the_order_given()
    {
        var options = Parse("--server", "http://a:1, https://b:2", "--api-key", "k");

        Assert.Equal(new[] { new Uri("http://a:1"), new Uri("https://b:2") }, options.Servers.ToArray());
    }

    [Theory]
    [InlineData("Unrecognized command or argument '--colour'", "--server", "http://h:1", "--api-key", "k", "--colour", "red")]
    [InlineData("Required argument missing for option: '--api-key'", "--server", "http://h:1", "--api-key")]
    [InlineData("option --server URL is required", "--api-key", "k")]
    [InlineData("option --server must be an http:// or https:// URL (got 'localhost:5000')", "--server", "localhost:5000", "--api-key", "k")]
    [InlineData("option --server must be http:// or https:// URLs separated by commas (got 'ftp://b:2' in 'http://a:1,ftp://b:2')", "--server", "http://a:1,ftp://b:2", "--api-key", "k")]
    [InlineData("option --server names http://a:1/ twice", "--server", "http://a:1, http://a:1", "--api-key", "k")]
    [InlineData("option --simulate must be at least 1 (got 0)", "--server", "http://h:1", "--api-key", "k", "--simulate", "0")]
    [InlineData("option --simulate must be at least 1 (got -3)", "--server", "http://h:1", "--api-key", "k", "--simulate", "-3")]
    [InlineData("option --simulate must be a whole number (got 'many')", "--server", "http://h:1", "--api-key", "k", "--simulate", "many")]
    [InlineData("option --simulate 10 asks for more users than the 9 of scenario 'paper-mobilenet'", "--server", "http://h:1", "--api-key", "k", "--simulate", "10")]
    [InlineData("option --scenario names the scenario file '/no/such/scenario.json', which does not exist", "--server", "http://h:1", "--api-key", "k", "--scenario", "/no/such/scenario.json")]
    [InlineData("give --api-key KEY, or --register --token T", "--server", "http://h:1")]
    [InlineData("option --register needs --token T", "--server", "http://h:1", "--register")]
    [InlineData("Unrecognized command or argument 'yes'", "--server", "http://h:1", "--api-key", "k", "--real=yes")]
    [InlineData("option --duration belongs to the hub benchmark", "--server", "http://h:1", "--api-key", "k", "--duration", "10s")]
    [InlineData("option --latencies-file belongs to the hub benchmark", "--server", "http://h:1", "--api-key", "k", "--latencies-file", "l.txt")]
    [InlineData("option --hold belongs to the hub benchmark", "--server", "http://h:1", "--api-key", "k", "--hold", "5s")]
    [InlineData("--bench-devices registers its own devices and cannot be combined with --simulate", "--server", "http://h:1", "--bench-devices", "10", "--simulate", "2")]
    [InlineData("option --duration must be a positive duration such as 500ms, 30s or 2m (got '-5s')", "--server", "http://h:1", "--bench-devices", "10", "--duration=-5s")]
    [InlineData("Option '--api-key' expects a single argument but 2 were provided", "--server", "http://h:1", "--api-key", "a", "--api-key", "b")]
    [InlineData("Unrecognized command or argument 'now'", "--server", "http://h:1", "--api-key", "k", "now")]
    public void Bad_options_are_refused_with_one_sentence_naming_the_option(string expected, params string[] args)
    {
        var errors = AgentCommandLine.Errors(args);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.EndsWith(".", e, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain('\n', e));
    }

    [Fact]
    public void An_unreadable_scenario_file_is_refused_naming_the_field_at_fault()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{ "name": "x", "seed": 1, "catalog": "no-such-catalog" }""");
            var error = Assert.Single(AgentCommandLine.Errors("--server", "http://h:1", "--api-key", "k", "--scenario", path));
            Assert.Contains("catalog", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static AgentOptions Parse(params string[] args) => AgentCommandLine.Options(args);
}
