using System.Globalization;
using System.Text;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// The table of what the storms tried and got, as markdown in TestResults/security/fuzz.md (a run's copy is committed
/// as docs/results/security/fuzz.md): per endpoint and credential the bodies sent, the status codes seen and how many
/// 4xx were problem details; per mutation; every failure with an input that caused it; the hub's calls and raw frames.
/// </summary>
internal static class FuzzReport
{
    public const string Command = "./test.sh --filter FullyQualifiedName~EdgeControl.Web.Tests.Fuzz";

    public static void Write(RestStormReport? rest, HubStormReport? hub)
    {
        var text = new StringBuilder();
        text.AppendLine("# Fuzz suite: malformed requests against the running app");
        text.AppendLine();
        text.AppendLine(Invariant($"Produced by `{Command}` (tests/Web.Tests/Fuzz): the app on real Kestrel (loopback) and PostgreSQL, generated inputs from seed {FuzzLimits.Seed}, the same every run. Pass: no 5xx and no request left unanswered, every 4xx the app answers RFC 9457 problem details (`application/problem+json` with `status` and `title`; Kestrel's own refusals before the app are listed apart), no error logged, and the app still serving valid requests afterwards."));
        if (rest is not null)
        {
            WriteRest(text, rest);
        }

        if (hub is not null)
        {
            WriteHub(text, hub);
        }

        File.WriteAllText(Path.Combine(RepositoryRoot.TestResults("security"), "fuzz.md"), text.ToString());
    }

    private static void WriteRest(StringBuilder text, RestStormReport rest)
    {
        var answers = rest.Answers;
        text.AppendLine();
        text.AppendLine("## REST: malformed bodies per endpoint and credential");
        text.AppendLine();
        text.AppendLine(Invariant($"{answers.Count:N0} bodies to {rest.Endpoints.Count} POST/PUT/PATCH/DELETE endpoints (every one the app maps, read from its endpoint data source) as {answers.Select(a => a.Credential).Distinct().Count()} credentials in {rest.Duration.TotalSeconds:F1} s, `Content-Type: application/json` on each; {rest.ServerErrors.Count} answered 5xx or not at all, {rest.ClientErrorsWithoutProblemDetails.Count} 4xx of the app were not problem details, {rest.KestrelRefusals.Count} were refused by Kestrel itself. Endpoints without a generator: {(rest.WithoutGenerator.Count == 0 ? "none" : string.Join(", ", rest.WithoutGenerator))}."));
        text.AppendLine();
        text.AppendLine("| endpoint | family | credential | bodies | status codes (count) | 4xx as problem details |");
        text.AppendLine("|---|---|---|---:|---|---:|");
        foreach (var row in answers.GroupBy(a => (a.Endpoint.Name, a.Endpoint.Family, a.Credential)))
        {
            text.AppendLine(Invariant($"| `{row.Key.Name}` | {row.Key.Family} | {row.Key.Credential} | {row.Count()} | {Statuses(row)} | {ProblemShare(row)} |"));
        }

        text.AppendLine();
        text.AppendLine("## REST: per mutation");
        text.AppendLine();
        text.AppendLine("| mutation | bodies | status codes (count) | 4xx as problem details |");
        text.AppendLine("|---|---:|---|---:|");
        foreach (var row in answers.GroupBy(a => a.Input.Mutation).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(Invariant($"| {row.Key} | {row.Count()} | {Statuses(row)} | {ProblemShare(row)} |"));
        }

        text.AppendLine();
        text.AppendLine("## REST: failures (5xx, no answer, 4xx without problem details)");
        text.AppendLine();
        var failures = answers.Where(a => a.IsServerError || a.IsUnshapedClientError).ToList();
        if (failures.Count == 0)
        {
            text.AppendLine("None.");
        }
        else
        {
            text.AppendLine("| endpoint | status | content type | count | credentials | an input that got it | the answer |");
            text.AppendLine("|---|---:|---|---:|---|---|---|");
            foreach (var group in failures.GroupBy(a => (a.Endpoint.Name, a.Status, a.ContentType)))
            {
                var example = group.First();
                text.AppendLine(Invariant($"| `{group.Key.Name}` | {group.Key.Status} | {group.Key.ContentType ?? "(none)"} | {group.Count()} | {string.Join(", ", group.Select(a => a.Credential).Distinct())} | {Cell($"{example.Input.Mutation}: {example.Input.Detail}; `{example.Path}` {example.Input.Preview(80)}")} | {Cell(example.Excerpt.Length == 0 ? "(empty body)" : example.Excerpt[..Math.Min(example.Excerpt.Length, 120)])} |"));
            }
        }

        text.AppendLine();
        text.AppendLine("## REST: refused by Kestrel before the app saw the request");
        text.AppendLine();
        text.AppendLine("No body, no Content-Type, connection closed: answers ASP.NET Core gives the app no hook to shape, so not counted above.");
        text.AppendLine();
        if (rest.KestrelRefusals.Count == 0)
        {
            text.AppendLine("None.");
        }
        else
        {
            text.AppendLine("| endpoint | status | count | an input that got it |");
            text.AppendLine("|---|---:|---:|---|");
            foreach (var group in rest.KestrelRefusals.GroupBy(a => (a.Endpoint.Name, a.Status)))
            {
                var example = group.First();
                text.AppendLine(Invariant($"| `{group.Key.Name}` | {group.Key.Status} | {group.Count()} | {Cell($"{example.Input.Mutation}: {example.Input.Detail}; `{example.Path}`")} |"));
            }
        }

        text.AppendLine();
        text.AppendLine("## REST: after the storm (a fresh client)");
        text.AppendLine();
        WriteChecks(text, rest.AfterStorm);
        WriteErrors(text, rest.ErrorsLogged);
    }

    private static void WriteHub(StringBuilder text, HubStormReport hub)
    {
        text.AppendLine();
        text.AppendLine("## Device hub: malformed invocations");
        text.AppendLine();
        text.AppendLine(Invariant($"{hub.Calls.Count} invocations through the real SignalR client with a device key (methods read from the hub: {string.Join(", ", hub.Methods)}; plus unknown names and oversized messages) and {hub.Frames.Count} raw WebSocket cases, in {hub.Duration.TotalSeconds:F1} s; {hub.Connections} connections opened (a new one whenever the server closed the last); connects refused with a 4xx and retried: {(hub.RefusedConnects.Count == 0 ? "none" : Counts(hub.RefusedConnects.Select(s => s.ToString(CultureInfo.InvariantCulture))))}; failed: {hub.ConnectFailures.Count}."));
        text.AppendLine();
        text.AppendLine("| method | mutation | calls | outcomes (count) |");
        text.AppendLine("|---|---|---:|---|");
        foreach (var row in hub.Calls.GroupBy(c => (Method: c.Invocation.Mutation == Mutations.UnknownMethod ? "(unknown)" : c.Invocation.Method, c.Invocation.Mutation)))
        {
            text.AppendLine(Invariant($"| {row.Key.Method} | {row.Key.Mutation} | {row.Count()} | {Counts(row.Select(c => c.Outcome))} |"));
        }

        text.AppendLine();
        text.AppendLine("What the server answered, by message (first 100 characters):");
        text.AppendLine();
        text.AppendLine("| outcome | message | calls |");
        text.AppendLine("|---|---|---:|");
        foreach (var row in hub.Calls.GroupBy(c => (c.Outcome, Message: c.Message[..Math.Min(c.Message.Length, 100)])).OrderByDescending(g => g.Count()))
        {
            text.AppendLine(Invariant($"| {row.Key.Outcome} | {Cell(row.Key.Message)} | {row.Count()} |"));
        }

        text.AppendLine();
        text.AppendLine("## Device hub: raw WebSocket frames that are not SignalR JSON");
        text.AppendLine();
        text.AppendLine("| case | upgrade | what the server sent / how it ended |");
        text.AppendLine("|---|---:|---|");
        foreach (var frame in hub.Frames)
        {
            text.AppendLine(Invariant($"| {frame.Case} | {frame.Upgrade} | {Cell(frame.Answer)} |"));
        }

        text.AppendLine();
        text.AppendLine("## Device hub: a fresh connection after the storm");
        text.AppendLine();
        WriteChecks(text, hub.FreshConnection);
        WriteErrors(text, hub.ErrorsLogged);
    }

    private static void WriteChecks(StringBuilder text, IReadOnlyList<AfterStormCheck> checks)
    {
        text.AppendLine("| request | answer | as expected |");
        text.AppendLine("|---|---|---|");
        foreach (var check in checks)
        {
            text.AppendLine(Invariant($"| {check.Check} | {Cell(check.Answer)} | {(check.Passed ? "yes" : $"**no**: {Cell(check.Detail)}")} |"));
        }
    }

    private static void WriteErrors(StringBuilder text, IReadOnlyList<CapturedLog> errors)
    {
        text.AppendLine();
        text.AppendLine(Invariant($"Errors the app logged meanwhile: {errors.Count}."));
        if (errors.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("| category | message (first 120 characters) | exception | count |");
        text.AppendLine("|---|---|---|---:|");
        foreach (var group in errors.GroupBy(e => (e.Category, Message: e.Message[..Math.Min(e.Message.Length, 120)], Exception: e.Exception?.GetType().Name)))
        {
            text.AppendLine(Invariant($"| {group.Key.Category} | {Cell(group.Key.Message)} | {group.Key.Exception ?? "-"} | {group.Count()} |"));
        }
    }

    private static string Statuses(IEnumerable<RestAnswer> answers) =>
        Counts(answers.Select(a => a.Status == 0 ? "no answer" : a.Status.ToString(CultureInfo.InvariantCulture)));

    private static string Counts(IEnumerable<string> values) => string.Join(", ", values
        .GroupBy(v => v)
        .OrderByDescending(g => g.Count())
        .ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => Invariant($"{g.Key} x{g.Count()}")));

    /// <summary>Problem details among the 4xx the app answered ("-": none), and how many more Kestrel answered itself.</summary>
    private static string ProblemShare(IEnumerable<RestAnswer> answers)
    {
        var clientErrors = answers.Where(a => a.IsClientError && !a.IsKestrelRefusal).ToList();
        var kestrel = answers.Count(a => a.IsKestrelRefusal);
        var share = clientErrors.Count == 0 ? "-" : Invariant($"{clientErrors.Count(a => a.IsProblemDetails)}/{clientErrors.Count}");
        return kestrel == 0 ? share : Invariant($"{share} (+{kestrel} by Kestrel)");
    }

    /// <summary>Text fit for one markdown table cell: control characters (a server may echo them) as \uXXXX, pipes escaped.</summary>
    private static string Cell(string text) => string.Concat(text.Select(c => c switch
    {
        '|' => "\\|",
        _ when char.IsControl(c) || char.IsSurrogate(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
        _ => c.ToString(),
    }));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
