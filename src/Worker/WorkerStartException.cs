namespace EdgeControl.Worker;

/// <summary>A fault that stops the worker at start (a refused registration, an unreadable identity): its message is the one sentence printed.</summary>
public sealed class WorkerStartException : Exception
{
    public WorkerStartException()
    {
    }

    public WorkerStartException(string message)
        : base(message)
    {
    }

    public WorkerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
