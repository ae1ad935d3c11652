namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// What bounds the suite in count and time. The seed makes every run send the same inputs; the counts put the whole
/// suite (both storms, the app's start, the checks after) at about half a minute on a busy 2-core machine.
/// </summary>
internal static class FuzzLimits
{
    public const int Seed = 20_260_310;

    /// <summary>Bodies per endpoint and credential, by the endpoint's family: most where there is a body to break.</summary>
    public static int BodiesPerCredential(string family) => family switch
    {
        UnsafeEndpoints.JsonBody => 48,
        UnsafeEndpoints.NoBody => 20,
        _ => 8,
    };

    /// <summary>The least the REST storm must send (issue 10).</summary>
    public const int MinBodies = 2_000;

    /// <summary>Invocations per hub method; unknown method names and oversized messages come on top.</summary>
    public const int InvocationsPerHubMethod = 72;

    /// <summary>The least the hub storm must invoke (issue 10).</summary>
    public const int MinInvocations = 200;

    /// <summary>A request or invocation not answered within this counts as a hang, not a pass.</summary>
    public static readonly TimeSpan AnswerPatience = TimeSpan.FromSeconds(20);
}
