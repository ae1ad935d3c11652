namespace EdgeControl.DeviceAgent.Tests;

/// <summary>Which users a device hosts (--simulate N or --users-named A,B) and shaping its uplink (--shape-uplink IFACE).</summary>
public sealed class HostedUsersOptionsTests
{
    private static readonly string[] Device = ["--server", "http://h:1", "--api-key", "k"];

    [Fact]
    public void Named_users_are_hosted_and_no_others_in_the_scenarios_order()
    {
        var options = AgentCommandLine.Options([.. Device, "--users-named", "phone-1,camera-2"]);

        Assert.Equal(["phone-1", "camera-2"], options.UserNames);
        Assert.Equal(["camera-2", "phone-1"], options.HostedScenario().Users.Select(u => u.Name));
    }

    [Fact]
    public void Without_names_the_first_n_users_are_hosted()
    {
        var options = AgentCommandLine.Options([.. Device, "--simulate", "2"]);

        Assert.Equal(["camera-1", "camera-2"], options.HostedScenario().Users.Select(u => u.Name));
    }

    [Fact]
    public void One_named_user_with_real_mode_may_shape_an_existing_interface()
    {
        var options = AgentCommandLine.Options([.. Device, "--real", "--users-named", "camera-1", "--shape-uplink", "lo"]);

        Assert.Equal("lo", options.ShapeUplink);
        Assert.Equal("lo", AgentCommandLine.Options([.. Device, "--real", "--shape-uplink", "lo"]).ShapeUplink);
    }

    [Theory]
    [InlineData("option --users-named names 'camera-9', which is not a user of scenario 'paper-mobilenet' (its users: camera-1, camera-2", "--users-named", "camera-1,camera-9")]
    [InlineData("option --users-named names the user 'camera-1' twice", "--users-named", "camera-1,camera-1")]
    [InlineData("option --users-named must be user names separated by commas, e.g. camera-1,phone-1 (got 'camera-1,')", "--users-named", "camera-1,")]
    [InlineData("give either --simulate N (the scenario's first N users) or --users-named A,B (these users), not both", "--simulate", "1", "--users-named", "camera-1")]
    [InlineData("option --shape-uplink shapes the uplink of real offloads and needs --real", "--shape-uplink", "lo")]
    [InlineData("option --shape-uplink shapes one uplink, so it needs exactly one hosted user (this command line hosts 2)", "--real", "--users-named", "camera-1,phone-1", "--shape-uplink", "lo")]
    [InlineData("(this command line hosts 3)", "--real", "--simulate", "3", "--shape-uplink", "lo")]
    [InlineData("option --shape-uplink names 'ec-no-such0', which is not a network interface here (see ip link)", "--real", "--shape-uplink", "ec-no-such0")]
    [InlineData("option --shape-uplink must be a network interface name (got '../lo')", "--real", "--shape-uplink", "../lo")]
    [InlineData("option --cpu-share slows real on-device inference and needs --real", "--cpu-share", "0.36")]
    [InlineData("option --cpu-share must be a share of one core, more than 0 and at most 1, such as 0.36 (got '1.5')", "--real", "--cpu-share", "1.5")]
    [InlineData("options --replay-from TIME and --replay-every DURATION go together", "--replay-every", "30s")]
    [InlineData("options --replay-from TIME and --replay-every DURATION go together", "--replay-from", "2026-12-07T03:00:00Z")]
    [InlineData("option --replay-from must be a time in ISO 8601 with its offset, such as 2026-12-07T03:00:00Z, or Unix seconds (got '2026-12-07T03:00:00')", "--replay-from", "2026-12-07T03:00:00", "--replay-every", "30s")]
    public void Bad_hosting_options_are_refused_with_one_sentence_naming_the_option(string expected, params string[] args)
    {
        var errors = AgentCommandLine.Errors([.. Device, .. args]);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.EndsWith(".", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Real_on_device_inference_runs_at_this_machines_speed_unless_given_a_share_of_its_core()
    {
        Assert.Equal(1, AgentCommandLine.Options([.. Device, "--real"]).CpuShare);
        Assert.Equal(0.36, AgentCommandLine.Options([.. Device, "--real", "--cpu-share", "0.36"]).CpuShare);
    }

    [Fact]
    public void A_replay_starts_at_the_given_instant_in_iso_8601_or_unix_seconds_and_repeats_every_period()
    {
        var iso = AgentCommandLine.Options([.. Device, "--replay-from", "2026-12-07T04:00:00+01:00", "--replay-every", "30s"]);
        var unix = AgentCommandLine.Options([.. Device, "--replay-from", "1796612400", "--replay-every", "30s"]);

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero), iso.Replay!.From);
        Assert.Equal(TimeSpan.FromSeconds(30), iso.Replay.Every);
        Assert.Equal(iso.Replay, unix.Replay);
        Assert.Null(AgentCommandLine.Options(Device).Replay);
    }

    [Fact]
    public void The_hub_benchmark_refuses_named_users()
    {
        var errors = AgentCommandLine.Errors("--server", "http://h:1", "--bench-devices", "10", "--users-named", "camera-1");

        Assert.Contains("--bench-devices registers its own devices and cannot be combined with --users-named.", errors);
    }
}
