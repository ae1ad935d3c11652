namespace EdgeControl.Cli.Terminal;

/// <summary>
/// Progress of long work made of items (jobs, runs): how many are done of how many planned, each result as it comes,
/// what is running meanwhile. A bar with elapsed and remaining time in a terminal (<see cref="ProgressBar"/>), the
/// plain lines CI logs and tests read otherwise (<see cref="ProgressLines"/>). Safe to call from several threads.
/// </summary>
internal abstract class ProgressDisplay : IDisposable
{
    /// <summary>The bar when <paramref name="output"/> is a terminal and CI is unset, plain lines otherwise.</summary>
    /// <param name="output">Where progress goes: stderr, so results on stdout stay clean.</param>
    /// <param name="redirected">Whether <paramref name="output"/> is redirected.</param>
    /// <param name="quietFor">Plain lines only: after this long without a line, one saying what is running.</param>
    public static ProgressDisplay Create(TextWriter output, bool redirected, TimeSpan quietFor, Func<string, string?>? environment = null) =>
        TerminalOutput.IsInteractive(redirected, environment ?? Environment.GetEnvironmentVariable)
            ? new ProgressBar(TerminalOutput.For(output), TimeProvider.System)
            : new ProgressLines(output, quietFor, TimeProvider.System);

    /// <summary>More items to do (an experiment plans its sweeps' jobs as it goes).</summary>
    public abstract void Planned(int items);

    /// <summary>A line of its own, not about one item.</summary>
    public abstract void Note(string message);

    /// <summary>One item done, with its result, and how many are still running.</summary>
    public abstract void Completed(string result, int running);

    /// <summary>What is running now: the bar shows it at once, plain lines only after a quiet while.</summary>
    public abstract void Running(string status);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
