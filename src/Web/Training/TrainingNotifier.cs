namespace EdgeControl.Web.Training;

/// <summary>
/// Fans training progress out to in-process subscribers (dashboard components, hubs). Handlers run on the
/// learning thread, so they must hand off at once (a Blazor component: InvokeAsync).
/// </summary>
public sealed partial class TrainingNotifier(ILogger<TrainingNotifier> logger)
{
    private readonly Lock _lock = new();
    private readonly List<Action<TrainingUpdate>> _subscribers = [];

    public IDisposable Subscribe(Action<TrainingUpdate> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock)
        {
            _subscribers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    public void Publish(TrainingUpdate update)
    {
        Action<TrainingUpdate>[] subscribers;
        lock (_lock)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var handler in subscribers)
        {
            // One broken subscriber must not stop learning nor starve the others.
#pragma warning disable CA1031
            try
            {
                handler(update);
            }
            catch (Exception error)
            {
                LogSubscriberFailed(logger, error);
            }
#pragma warning restore CA1031
        }
    }

    private void Unsubscribe(Action<TrainingUpdate> handler)
    {
        lock (_lock)
        {
            _subscribers.Remove(handler);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A training progress subscriber failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception error);

    private sealed class Subscription(TrainingNotifier notifier, Action<TrainingUpdate> handler) : IDisposable
    {
        public void Dispose() => notifier.Unsubscribe(handler);
    }
}
