using EdgeControl.Cli.Terminal;
using Spectre.Console;

namespace EdgeControl.Cli.Tests;

/// <summary>Progress of long work: plain lines for logs and CI, a live bar in a terminal.</summary>
public sealed class ProgressDisplayTests
{
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(30);

    [Fact]
    public void Plain_progress_prints_the_lines_bench_convergence_always_printed()
    {
        var clock = new ManualClock();
        using var output = new StringWriter();
        using (var progress = new ProgressLines(output, QuietFor, clock))
        {
            progress.Planned(3);
            clock.Now = TimeSpan.FromSeconds(5);
            progress.Completed("hl seed 1: 0.95 held from 200 interactions, final score 0.990, 1.2 s", running: 2);
            clock.Now = TimeSpan.FromSeconds(7);
            progress.Note("tuning dqn: 4 settings");
            clock.Now = TimeSpan.FromSeconds(20);
            progress.Running("dqn seed 2 at 1,200 (score 0.512)");
            clock.Now = TimeSpan.FromSeconds(40);
            progress.Running("dqn seed 2 at 2,400 (score 0.733)");
            clock.Now = new TimeSpan(1, 2, 3);
            progress.Completed("dqn seed 2: 0.95 not held in 5,000 interactions, final score 0.901, 3.0 s", running: 0);
        }

        Assert.Equal(
            [
                "[0:05] 1/3 done, 2 running | hl seed 1: 0.95 held from 200 interactions, final score 0.990, 1.2 s",
                "[0:07] tuning dqn: 4 settings",
                "[0:40] 1/3 done | running: dqn seed 2 at 2,400 (score 0.733)",
                "[1:02:03] 2/3 done, 0 running | dqn seed 2: 0.95 not held in 5,000 interactions, final score 0.901, 3.0 s",
            ],
            output.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData(false, null, null, true)]
    [InlineData(true, null, null, false)]
    [InlineData(false, "true", null, false)]
    [InlineData(false, "1", null, false)]
    [InlineData(false, null, "dumb", false)]
    [InlineData(false, "", "xterm-256color", true)]
    public void The_bar_is_for_a_terminal_outside_CI_and_plain_lines_are_for_everything_else(bool redirected, string? ci, string? term, bool bar)
    {
        Assert.Equal(bar, TerminalOutput.IsInteractive(redirected, name => name switch { "CI" => ci, "TERM" => term, _ => null }));
        using var display = ProgressDisplay.Create(new StringWriter(), redirected, QuietFor, name => name switch { "CI" => ci, "TERM" => term, _ => null });
        Assert.Equal(bar, display is ProgressBar);
    }

    [Fact]
    public void In_a_terminal_the_bar_counts_done_of_total_and_each_result_is_printed_above_it()
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Yes, Interactive = InteractionSupport.Yes, ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 160;
        using (var progress = new ProgressBar(console, TimeProvider.System))
        {
            progress.Planned(4);
            progress.Completed("hl seed 1: 0.95 held from 200 interactions", running: 1);
            progress.Running("dqn seed 2 at 1,200 [score 0.512]");
        }

        var screen = output.ToString();
        Assert.Contains("hl seed 1: 0.95 held from 200 interactions", screen, StringComparison.Ordinal);
        Assert.Contains("1/4 done", screen, StringComparison.Ordinal);
        Assert.Contains("dqn seed 2 at 1,200 [score 0.512]", screen, StringComparison.Ordinal);
        Assert.True(screen.IndexOf("hl seed 1", StringComparison.Ordinal) < screen.LastIndexOf("1/4 done", StringComparison.Ordinal), "the result is above the bar");
        // What the bar drew where the result goes is erased first, or a shorter result would keep the bar's tail.
        Assert.Contains("\u001b[0Jhl seed 1", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_terminal_what_is_running_is_cut_to_the_width_the_bar_leaves_so_the_bar_stays_one_line()
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Yes, Interactive = InteractionSupport.Yes, ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 100;
        var running = string.Join("; ", Enumerable.Range(1, 4).Select(s => $"sweep dqn #{s} (lr=1e-3, 4 updates) at 1,200 (closed-loop score 0.512)"));
        using (var progress = new ProgressBar(console, TimeProvider.System))
        {
            progress.Planned(4);
            progress.Running(running);
        }

        // Every frame the live display drew (one, or more when the machine is slow enough for its refresh to run) keeps the bar on one line.
        var frames = output.ToString().ReplaceLineEndings("\n").Split('\n').Where(l => l.Contains("0/4 done", StringComparison.Ordinal) && l.Contains("sweep dqn #1", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(frames);
        Assert.All(frames, bar => Assert.Contains(running[..29] + "…", bar, StringComparison.Ordinal));
        Assert.DoesNotContain("sweep dqn #2", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Time that moves only when the test says so.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public TimeSpan Now { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Now.Ticks;
    }
}
