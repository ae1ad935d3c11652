using System.CommandLine.Parsing;
using EdgeControl.Core.Policies;
using static EdgeControl.CommandLine.OptionValueParser;

namespace EdgeControl.Cli.OffPolicy;

/// <summary>What <c>evaluate --policy</c> names: a non-learning policy, a stored run's greedy policy (<c>run:ID</c>), or the logging policy (<c>logged</c>).</summary>
internal sealed record CandidateName(string Text, Guid? Run)
{
    public const string RunPrefix = "run:";

    public static string Accepted => $"{string.Join(", ", PolicyFactory.Names)}, {RunPrefix}RUN-ID (a stored run's latest checkpoint, greedy) or {CandidatePolicy.Logged.PolicyName} (the logging policy itself)";

    public static CandidateName? Parse(ArgumentResult result)
    {
        if (Token(result) is not { } text)
        {
            return null;
        }

        if (text.StartsWith(RunPrefix, StringComparison.Ordinal))
        {
            return Guid.TryParse(text[RunPrefix.Length..], out var run)
                ? new CandidateName(text, run)
                : Error<CandidateName>(result, $"must be {RunPrefix} followed by a run id such as {RunPrefix}0193a1b2-0000-7000-8000-000000000000 (got '{text}')");
        }

        return text == CandidatePolicy.Logged.PolicyName || PolicyFactory.Names.Contains(text, StringComparer.Ordinal)
            ? new CandidateName(text, null)
            : Error<CandidateName>(result, $"must be one of {Accepted} (got '{text}')");
    }
}
