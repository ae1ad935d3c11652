using EdgeControl.DeviceAgent.Options;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>The options for the agent's state and for fault tests: --data, --stats, --poison-every, --bench-outbox.</summary>
public sealed class AgentStateOptionsTests
{
    [Fact]
    public void Data_stats_and_poison_every_parse()
    {
        using var dir = new TemporaryDirectory();
        var stats = Path.Combine(dir.Path, "stats.json");

        var options = Parse("--server", "http://h:1", "--api-key", "k", "--data", dir.Path, "--stats", stats, "--poison-every", "2s");

        Assert.Equal(dir.Path, options.DataDirectory);
        Assert.Equal(stats, options.StatsFile);
        Assert.Equal(TimeSpan.FromSeconds(2), options.PoisonEvery);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Parse("--server", "http://h:1", "--api-key", "k", "--poison-every", "1.5").PoisonEvery);
        Assert.Null(Parse("--server", "http://h:1", "--api-key", "k").PoisonEvery);
        Assert.Null(Parse("--server", "http://h:1", "--api-key", "k").StatsFile);
    }

    [Fact]
    public void Without_data_a_named_device_keeps_its_state_under_XDG_STATE_HOME()
    {
        var options = AgentCommandLine.Options(["--server", "http://h:1", "--register", "--token", "t", "--name", "pi-kitchen"],
            name => name == "XDG_STATE_HOME" ? "/var/state" : null);

        Assert.Equal("/var/state/edgecontrol/agent-pi-kitchen", options.DataDirectory);
    }

    [Fact]
    public void Without_data_or_XDG_STATE_HOME_a_device_of_an_api_key_keeps_its_state_under_the_home_directory_named_by_the_keys_fingerprint()
    {
        var environment = (string name) => name == "HOME" ? "/home/pi" : null;
        var first = AgentCommandLine.Options(["--server", "http://h:1", "--api-key", "ec_secret"], environment).DataDirectory!;
        var other = AgentCommandLine.Options(["--server", "http://h:1", "--api-key", "ec_other"], environment).DataDirectory!;

        Assert.StartsWith("/home/pi/.local/state/edgecontrol/agent-key-", first, StringComparison.Ordinal);
        Assert.DoesNotContain("ec_secret", first, StringComparison.Ordinal);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void The_outbox_benchmark_needs_no_server()
    {
        var options = Parse("--bench-outbox", "1000");

        Assert.Equal(1000, options.BenchOutbox);
        Assert.NotNull(options.DataDirectory);
    }

    [Theory]
    [InlineData("option --poison-every must be a positive duration such as 500ms, 30s or 2m (got 'often')", "--server", "http://h:1", "--api-key", "k", "--poison-every", "often")]
    [InlineData("option --poison-every must be a positive duration such as 500ms, 30s or 2m (got '0')", "--server", "http://h:1", "--api-key", "k", "--poison-every", "0")]
    [InlineData("Required argument missing for option: '--poison-every'", "--server", "http://h:1", "--api-key", "k", "--poison-every")]
    [InlineData("option --data needs a value, but the next word is the option --real", "--server", "http://h:1", "--api-key", "k", "--data", "--real")]
    [InlineData("Required argument missing for option: '--stats'", "--server", "http://h:1", "--api-key", "k", "--stats=")]
    [InlineData("option --stats names a file in '/no/such/dir', which does not exist", "--server", "http://h:1", "--api-key", "k", "--stats", "/no/such/dir/stats.json")]
    [InlineData("--bench-devices registers its own devices and cannot be combined with --data", "--server", "http://h:1", "--bench-devices", "10", "--data", "/tmp/x")]
    [InlineData("--bench-devices registers its own devices and cannot be combined with --poison-every", "--server", "http://h:1", "--bench-devices", "10", "--poison-every", "1s")]
    [InlineData("--bench-outbox measures the outbox alone and takes only --data DIR, not --server", "--bench-outbox", "10", "--server", "http://h:1")]
    [InlineData("option --bench-outbox must be between 1 and 10000000 (got 0)", "--bench-outbox", "0")]
    public void Bad_state_options_are_refused_with_one_sentence_naming_the_option(string expected, params string[] args)
    {
        var errors = AgentCommandLine.Errors(args);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.EndsWith(".", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Data_naming_a_file_and_stats_naming_a_directory_are_refused()
    {
        using var dir = new TemporaryDirectory();
        var file = Path.Combine(dir.Path, "a-file");
        File.WriteAllText(file, "");

        Assert.Contains($"option --data must name a directory, but '{file}' is a file", Assert.Single(AgentCommandLine.Errors("--server", "http://h:1", "--api-key", "k", "--data", file)), StringComparison.Ordinal);
        Assert.Contains($"option --stats must name a file, but '{dir.Path}' is a directory", Assert.Single(AgentCommandLine.Errors("--server", "http://h:1", "--api-key", "k", "--stats", dir.Path)), StringComparison.Ordinal);
    }

    private static AgentOptions Parse(params string[] args) => AgentCommandLine.Options(args);
}
