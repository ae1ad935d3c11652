namespace EdgeControl.Cli.Tests;

/// <summary>
/// <c>edgecontrol bench ingest</c>'s command line. The measurement itself needs a running control plane and is
/// run by scripts/bench-ingest.sh; here only the options are checked, before anything is sent.
/// </summary>
public class BenchIngestCommandTests
{
    [Theory]
    [InlineData("--server", "Option '--server' is required")]
    [InlineData("--token", "Option '--token' is required")]
    public void A_missing_required_option_exits_2_naming_it(string missing, string message)
    {
        var args = new List<string> { "bench", "ingest", "--server", "http://127.0.0.1:9", "--token", "t" };
        var at = args.IndexOf(missing);
        args.RemoveRange(at, 2);

        var result = EdgeControlProcess.Run([.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rows", "0", "--rows must be between 1 and")]
    [InlineData("--rows", "many", "--rows must be a whole number (got 'many')")]
    [InlineData("--batch", "0", "--batch must be between 1 and 1000 (got 0)")]
    [InlineData("--batch", "1001", "--batch must be between 1 and 1000 (got 1001)")]
    [InlineData("--concurrency", "0", "--concurrency must be between 1 and 256 (got 0)")]
    [InlineData("--server", "127.0.0.1:5000", "--server must be an http or https URL")]
    [InlineData("--server", "ftp://127.0.0.1", "--server must be an http or https URL")]
    [InlineData("--colour", "red", "Unrecognized command or argument '--colour'")]
    public void A_bad_option_exits_2_naming_it(string option, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--server"] = "http://127.0.0.1:9", ["--token"] = "t", [option] = value };

        var result = EdgeControlProcess.Run([.. new[] { "bench", "ingest" }.Concat(args.SelectMany(a => new[] { a.Key, a.Value }))]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_does_not_answer_exits_1_saying_so()
    {
        // Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
        var result = EdgeControlProcess.Run("bench", "ingest", "--server", "http://127.0.0.1:9", "--token", "t", "--rows", "10");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bench ingest against http://127.0.0.1:9/", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_describes_bench_ingest()
    {
        var result = EdgeControlProcess.Run("help");

        Assert.Contains("bench ingest --server URL --token T", result.Stdout, StringComparison.Ordinal);
    }
}
