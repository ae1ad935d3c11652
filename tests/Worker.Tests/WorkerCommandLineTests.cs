using EdgeControl.CommandLine;
using EdgeControl.Core.Domain;
using EdgeControl.Worker.Options;

namespace EdgeControl.Worker.Tests;

/// <summary>The worker's command line: the options a run gets, and one sentence naming the option for a bad one.</summary>
public sealed class WorkerCommandLineTests
{
    private static readonly string[] Required = ["--server", "http://10.0.0.2:5000", "--name", "edge-1", "--data-dir", "/tmp/edgecontrol-worker-test"];

    [Fact]
    public void A_minimal_command_line_gets_one_slot_one_thread_a_queue_of_16_and_the_shipped_catalog()
    {
        var options = Read([.. Required, "--url", "http://10.0.0.5:8100"]);

        Assert.Equal(new Uri("http://10.0.0.2:5000"), options.Server);
        Assert.Equal("edge-1", options.Name);
        Assert.Equal(Tier.Edge, options.Tier);
        Assert.Equal("http://10.0.0.5:8100", options.PublicUrl);
        Assert.Equal(new Uri("http://0.0.0.0:8100"), options.Listen);
        Assert.Equal((1, 1, 16), (options.Slots, options.ThreadsPerSlot, options.QueueLength));
        Assert.Equal(16, options.Catalog.Count);
        Assert.Equal(TimeSpan.FromSeconds(5), options.HeartbeatInterval);
    }

    [Fact]
    public void The_url_devices_use_defaults_to_a_specific_listen_address()
    {
        var options = Read([.. Required, "--listen", "http://10.1.2.3:9000", "--tier", "cloud", "--slots", "4", "--threads", "2", "--queue", "3"]);

        Assert.Equal("http://10.1.2.3:9000", options.PublicUrl);
        Assert.Equal(Tier.Cloud, options.Tier);
        Assert.Equal((4, 2, 3), (options.Slots, options.ThreadsPerSlot, options.QueueLength));
    }

    [Fact]
    public void The_registration_token_may_come_from_the_environment()
    {
        var options = Read(Required, name => name == "EDGECONTROL_REGISTRATION_TOKEN" ? "from-env" : null);

        Assert.Equal("from-env", options.RegistrationToken);
    }

    [Theory]
    [InlineData("--server", "option --server URL is required")]
    [InlineData("--name", "option --name NAME is required")]
    [InlineData("--data-dir", "option --data-dir DIR is required")]
    public void A_missing_required_option_is_named(string left, string error)
    {
        var args = new List<string>(Required);
        var at = args.IndexOf(left);
        args.RemoveRange(at, 2);

        var (code, message) = Answer([.. args]);

        Assert.Equal(WorkerCommand.UsageError, code);
        Assert.Contains(error, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tier", "device", "option --tier must be edge or cloud")]
    [InlineData("--slots", "0", "option --slots must be between 1 and 256")]
    [InlineData("--queue", "lots", "option --queue must be a whole number")]
    [InlineData("--listen", "https://0.0.0.0:8100", "option --listen must be an http:// address")]
    [InlineData("--url", "10.0.0.5:8100", "option --url must be an http:// or https:// URL")]
    [InlineData("--name", "edge 1", "option --name must be 1 to 64 letters")]
    [InlineData("--scenario", "/nonexistent/scenario.json", "option --scenario names the scenario file '/nonexistent/scenario.json', which does not exist")]
    public void A_bad_value_stops_start_up_with_one_sentence_naming_the_option(string option, string value, string error)
    {
        var args = new List<string>(Required);
        if (args.IndexOf(option) is var at and >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (code, message) = Answer([.. args]);

        Assert.Equal(WorkerCommand.UsageError, code);
        Assert.Contains(error, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_option()
    {
        var command = new WorkerCommand(ShippedScenario.Find, _ => null);
        using var output = new StringWriter();

        var code = WorkerCommand.Answer(command.Parse(["--help"]), output, TextWriter.Null);

        Assert.Equal(0, code);
        Assert.All(command.Options.Where(o => o.Name != "--help" && o.Name != "--version"), o => Assert.Contains(o.Name, output.ToString(), StringComparison.Ordinal));
    }

    private static WorkerOptions Read(string[] args, Func<string, string?>? environment = null)
    {
        var command = new WorkerCommand(ShippedScenario.Find, environment ?? (_ => null));
        var parsed = command.Parse(args);
        using var error = new StringWriter();
        Assert.Null(WorkerCommand.Answer(parsed, TextWriter.Null, error));
        return command.Read(parsed);
    }

    private static (int? Code, string Message) Answer(string[] args)
    {
        var command = new WorkerCommand(ShippedScenario.Find, _ => null);
        using var error = new StringWriter();
        var code = WorkerCommand.Answer(command.Parse(args), TextWriter.Null, error);
        return (code, error.ToString());
    }
}
