using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// Keeps every log entry of the app at the app's log filters let through, so a test can say its requests
/// logged no error (tests of one collection run one at a time, so "since the test began" is that test's entries).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    /// <summary>A mark to pass to <see cref="Since"/>.</summary>
    public int Mark() => _entries.Count;

    /// <summary>The entries logged after <paramref name="mark"/>.</summary>
    public IReadOnlyList<CapturedLog> Since(int mark) => [.. _entries.Skip(mark)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}

/// <summary>One entry of <see cref="CapturedLogs"/>.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception);
