using Spectre.Console;

namespace EdgeControl.Cli.Terminal;

/// <summary>
/// Progress in a terminal: Spectre.Console's live bar with done / total, elapsed and estimated remaining time, and what
/// is running (cut to the line the other columns leave, so the bar stays one line); each result is printed above the
/// bar as it comes, so the scrollback keeps them all.
/// </summary>
internal sealed class ProgressBar : ProgressDisplay
{
    /// <summary>The bar's own width, and what the columns before the running work take with it (done/total, elapsed, remaining, spinner, gaps).</summary>
    private const int BarWidth = 30, FixedColumnsWidth = BarWidth + 40;

    private readonly IAnsiConsole _console;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _display;
    private readonly ProgressTask _bar;
    private readonly Lock _lock = new();
    private int _total;

    public ProgressBar(IAnsiConsole console, TimeProvider clock)
    {
        _console = console ?? throw new ArgumentNullException(nameof(console));
        var started = new TaskCompletionSource<ProgressTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new Progress(console, clock)
            .AutoClear(false)
            .Columns(new ProgressBarColumn { Width = BarWidth }, new DoneOfTotalColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn(),
                new TaskDescriptionColumn { Alignment = Justify.Left });
        // The live display runs until disposal; results and notes are written to the same console, above it.
        _display = progress.StartAsync(async context =>
        {
            var bar = context.AddTask("starting", maxValue: 1);
            bar.IsIndeterminate = true;
            started.SetResult(bar);
            await _finished.Task.ConfigureAwait(false);
            bar.StopTask();
        });
        _bar = started.Task.GetAwaiter().GetResult();
    }

    public override void Planned(int items)
    {
        lock (_lock)
        {
            _total += items;
            _bar.MaxValue = _total;
            _bar.IsIndeterminate = false;
        }
    }

    public override void Note(string message)
    {
        lock (_lock)
        {
            _console.Write(new LineAboveLiveDisplay(message));
        }
    }

    public override void Completed(string result, int running)
    {
        lock (_lock)
        {
            _console.Write(new LineAboveLiveDisplay(result));
            _bar.Increment(1);
        }
    }

    public override void Running(string status)
    {
        lock (_lock)
        {
            var room = Math.Max(_console.Profile.Width - FixedColumnsWidth, 20);
            _bar.Description = Markup.Escape(status.Length <= room ? status : string.Concat(status.AsSpan(0, room - 1), "…"));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _finished.TrySetResult();
            _display.GetAwaiter().GetResult();
        }
    }
}
