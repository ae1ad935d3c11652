using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using EdgeControl.CommandLine;
using static EdgeControl.CommandLine.OptionValueParser;

namespace EdgeControl.DeviceAgent.Options;

/// <summary>
/// The agent's value types, parsed from an option's one token; whole numbers, the token and the error are
/// <see cref="EdgeControl.CommandLine.OptionValueParser"/>'s. Each problem is one sentence naming the option, added to
/// the parse result (System.CommandLine cannot parse an http URL into a Uri at all).
/// </summary>
internal static class OptionValues
{
    /// <summary>How many of the scenario's users the device hosts: at least one, and no more than the scenario has.</summary>
    public static int Users(ArgumentResult result, Option<LoadedScenario?> scenario)
    {
        var users = WholeNumber(result, 1, int.MaxValue);
        // The scenario option comes first in the command, so its result is converted (or refused) by now.
        if (result.Parent?.Parent?.GetResult(scenario) is { } scenarioResult && !scenarioResult.Errors.Any()
            && scenarioResult.GetValueOrDefault<LoadedScenario?>() is { Scenario: var loaded } && users > loaded.Users.Count)
        {
            return Error<int>(result, $"{users} asks for more users than the {loaded.Users.Count} of scenario '{loaded.Name}'");
        }

        return users;
    }

    /// <summary>
    /// Which of the scenario's users the device hosts, by name: at least one, each a user of the scenario, none twice.
    /// The scenario option comes first in the command, so its result is converted (or refused) by now.
    /// </summary>
    public static IReadOnlyList<string>? UserNames(ArgumentResult result, Option<LoadedScenario?> scenario)
    {
        if (Token(result) is not { } text)
        {
            return null;
        }

        var names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.FirstOrDefault(n => n.Length == 0) is not null)
        {
            return Error<IReadOnlyList<string>>(result, $"must be user names separated by commas, e.g. camera-1,phone-1 (got '{text}')");
        }

        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return Error<IReadOnlyList<string>>(result, $"names the user '{twice.Key}' twice");
        }

        if (result.Parent?.Parent?.GetResult(scenario) is { } scenarioResult && !scenarioResult.Errors.Any()
            && scenarioResult.GetValueOrDefault<LoadedScenario?>() is { Scenario: var loaded }
            && names.FirstOrDefault(n => !loaded.Users.Any(u => u.Name == n)) is { } unknown)
        {
            return Error<IReadOnlyList<string>>(
                result, $"names '{unknown}', which is not a user of scenario '{loaded.Name}' (its users: {string.Join(", ", loaded.Users.Select(u => u.Name))})");
        }

        return names;
    }

    /// <summary>A network interface of this machine (Linux: one under /sys/class/net).</summary>
    public static string? NetworkInterface(ArgumentResult result) =>
        Token(result) is not { } text ? null
        : text.Length is 0 or > 15 || text.Any(c => c is '/' or ':' || char.IsWhiteSpace(c)) ? Error<string>(result, $"must be a network interface name (got '{text}')")
        : System.IO.Directory.Exists(Path.Combine("/sys/class/net", text)) ? text
        : Error<string>(result, $"names '{text}', which is not a network interface here (see ip link)");

    public static Duration Duration(ArgumentResult result) =>
        Token(result) is not { } text ? default
        : Options.Duration.TryParse(text, out var duration) ? duration
        : Error<Duration>(result, $"must be a positive duration such as 500ms, 30s or 2m (got '{text}')");

    /// <summary>An instant: UTC in ISO 8601 (an offset or Z required, so no local time zone is guessed), or Unix seconds.</summary>
    public static DateTimeOffset? Instant(ArgumentResult result)
    {
        if (Token(result) is not { } text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds) && unixSeconds <= 253_402_300_799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        }

        return DateTimeOffset.TryParseExact(text, ZonedTimes, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.ToUniversalTime()
            : Error<DateTimeOffset?>(result, $"must be a time in ISO 8601 with its offset, such as 2026-12-07T03:00:00Z, or Unix seconds (got '{text}')");
    }

    /// <summary>ISO 8601 times that say their offset (Z or ±hh:mm), with or without fractions of a second (F: optional digits).</summary>
    private static readonly string[] ZonedTimes = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];

    /// <summary>A share of one core: more than 0, at most 1.</summary>
    public static double CpuShare(ArgumentResult result) =>
        Token(result) is not { } text ? default
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is > 0 and <= 1 ? share
        : Error<double>(result, $"must be a share of one core, more than 0 and at most 1, such as 0.36 (got '{text}')");

    /// <summary>Requests per second per device.</summary>
    public static double Rate(ArgumentResult result) =>
        Token(result) is not { } text ? default
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is > 0 and <= 1000 ? rate
        : Error<double>(result, $"must be a number of requests per second per device, > 0 and <= 1000 (got '{text}')");

    /// <summary>
    /// One control plane, or several instances of one (comma-separated, no duplicates): each an http:// or https:// URL.
    /// </summary>
    public static IReadOnlyList<Uri>? Servers(ArgumentResult result)
    {
        if (Token(result) is not { } text)
        {
            return null;
        }

        var servers = new List<Uri>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return Error<IReadOnlyList<Uri>>(
                    result, part == text ? $"must be an http:// or https:// URL (got '{text}')" : $"must be http:// or https:// URLs separated by commas (got '{part}' in '{text}')");
            }

            if (servers.Contains(uri))
            {
                return Error<IReadOnlyList<Uri>>(result, $"names {uri} twice");
            }

            servers.Add(uri);
        }

        return servers;
    }

    /// <summary>A file to write: its directory must exist.</summary>
    public static string? FileToWrite(ArgumentResult result)
    {
        if (Token(result) is not { } text)
        {
            return null;
        }

        if (System.IO.Directory.Exists(text))
        {
            return Error<string>(result, $"must name a file, but '{text}' is a directory");
        }

        var full = Path.GetFullPath(text);
        return System.IO.Directory.Exists(Path.GetDirectoryName(full))
            ? full
            : Error<string>(result, $"names a file in '{Path.GetDirectoryName(full)}', which does not exist");
    }

}
