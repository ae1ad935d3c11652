namespace EdgeControl.Core.Scenarios;

/// <summary>A scenario file that cannot be used, with the offending field named.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException() { }

    public ScenarioException(string message) : base(message) { }

    public ScenarioException(string message, Exception inner) : base(message, inner) { }

    public ScenarioException(string field, string reason)
        : base($"{field}: {reason}")
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>JSON path of the offending field, e.g. <c>users[1].sloMs</c>.</summary>
    public string? Field { get; }

    public string? Reason { get; }
}
