using System.CommandLine.Parsing;
using System.Globalization;
using EdgeControl.Core.Scenarios;
using static EdgeControl.CommandLine.OptionValueParser;

namespace EdgeControl.Cli.Options;

/// <summary>
/// The values of <c>edgecontrol</c>'s options, parsed from an option's one word; whole numbers, the token and the error
/// are <see cref="EdgeControl.CommandLine.OptionValueParser"/>'s. Each problem is one sentence naming the option, added
/// to the parse result (System.CommandLine's list of allowed words takes a line per word).
/// </summary>
internal static class OptionValues
{
    /// <summary>A normalised score: random 0, oracle 1.</summary>
    public static double? Score(ArgumentResult result) =>
        Token(result) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score is > 0 and <= 1 ? score
        : Error<double?>(result, $"must be a score in (0, 1], such as 0.95 (got '{text}')");

    /// <summary>One of <paramref name="names"/>, which the error lists.</summary>
    public static string? OneOf(ArgumentResult result, IReadOnlyList<string> names) =>
        Token(result) is not { } text ? null
        : names.Contains(text, StringComparer.Ordinal) ? text
        : Error<string>(result, $"must be one of {string.Join(", ", names)} (got '{text}')");

    /// <summary>A comma-separated list of agents among <paramref name="names"/>, each at most once.</summary>
    public static IReadOnlyList<string>? Agents(ArgumentResult result, IReadOnlyList<string> names)
    {
        if (Token(result) is not { } text)
        {
            return null;
        }

        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
        {
            return Error<IReadOnlyList<string>>(result, $"needs at least one of {string.Join(", ", names)}");
        }

        if (items.FirstOrDefault(i => !names.Contains(i, StringComparer.Ordinal)) is { } unknown)
        {
            return Error<IReadOnlyList<string>>(result, $"names the unknown agent '{unknown}' (known: {string.Join(", ", names)})");
        }

        return items.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? Error<IReadOnlyList<string>>(result, $"names '{twice.Key}' twice")
            : items;
    }

    /// <summary>An http or https URL, ending with a slash so API paths resolve under a path prefix too.</summary>
    public static Uri? Server(ArgumentResult result) =>
        Token(result) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new Uri(uri.AbsoluteUri.TrimEnd('/') + "/")
        : Error<Uri>(result, $"must be an http or https URL such as http://127.0.0.1:5000 (got '{text}')");

    public static string? ExistingFile(ArgumentResult result) =>
        Token(result) is not { } text ? null
        : File.Exists(text) ? text
        : Error<string>(result, System.IO.Directory.Exists(text) ? $"must name a file, but '{text}' is a directory" : $"names the file '{text}', which does not exist");

    /// <summary>A directory: it need not exist yet (the command creates it), but must not be a file.</summary>
    public static string? Directory(ArgumentResult result) =>
        Token(result) is not { } text ? null
        : File.Exists(text) ? Error<string>(result, $"must name a directory, but '{text}' is a file")
        : text;

    /// <summary>An existing directory holding <paramref name="files"/>; the error says which is missing and <paramref name="writtenBy"/>.</summary>
    public static string? DirectoryWith(ArgumentResult result, IReadOnlyList<string> files, string writtenBy)
    {
        if (Token(result) is not { } text)
        {
            return null;
        }

        return files.FirstOrDefault(f => !File.Exists(Path.Combine(text, f))) is { } missing
            ? Error<string>(result, System.IO.Directory.Exists(text) ? $"names '{text}', which has no {missing} ({writtenBy})" : $"names the directory '{text}', which does not exist")
            : text;
    }

    /// <summary>A file to write: not a directory (its directory is created by the command).</summary>
    public static string? FileToWrite(ArgumentResult result) =>
        Token(result) is not { } text ? null
        : System.IO.Directory.Exists(text) ? Error<string>(result, $"must name a file, but '{text}' is a directory")
        : text;

    /// <summary>A moment in ISO 8601 (a time without an offset is UTC), as UTC.</summary>
    public static DateTimeOffset? Moment(ArgumentResult result) =>
        Token(result) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) ? moment.ToUniversalTime()
        : Error<DateTimeOffset?>(result, $"must be an ISO 8601 time such as 2026-12-06T18:00:00Z (got '{text}')");
}
