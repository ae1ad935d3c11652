using Spectre.Console;

namespace EdgeControl.Cli.Terminal;

/// <summary>
/// Progress in a terminal: Spectre.Console's live bar with done / total, elapsed and estimated remaining time, and what
/// is running; each result is printed above the bar as it comes, so the scrollback keeps them all.
/// </summary>
internal sealed class ProgressBar : ProgressDisplay
{
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
            .Columns(new ProgressBarColumn(), new DoneOfTotalColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn(),
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
            _console.WriteLine(message);
        }
    }

    public override void Completed(string result, int running)
    {
        lock (_lock)
        {
            _console.WriteLine(result);
            _bar.Increment(1);
        }
    }

    public override void Running(string status)
    {
        lock (_lock)
        {
            _bar.Description = Markup.Escape(status);
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
