namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>A hub call made and how it ended (<see cref="Outcome"/> one of the constants here; <see cref="Message"/> what the client saw).</summary>
internal sealed record HubCall(HubInvocation Invocation, string Outcome, string Message)
{
    public const string Completed = "completed";

    /// <summary>The server answered the call with an error (a HubException on the client); the connection stays.</summary>
    public const string Refused = "refused";

    /// <summary>The server closed the connection (the client connects anew for the next call).</summary>
    public const string Closed = "connection closed";

    /// <summary>No answer within <see cref="FuzzLimits.AnswerPatience"/>, or no connection to send it on.</summary>
    public const string NoAnswer = "no answer";
}
