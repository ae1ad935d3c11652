using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

/// <summary>A page in its own browser context (own cookies) with the console errors and uncaught exceptions it logged.</summary>
public sealed class BrowserPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    public IPage Page { get; } = page;

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public void RecordErrors()
    {
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Add(message.Text);
            }
        };
        Page.PageError += (_, error) => Add(error);
    }

    // Closing the context ends the page's circuit, so pages of earlier tests do not keep rendering.
    public ValueTask DisposeAsync() => context.DisposeAsync();

    private void Add(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
