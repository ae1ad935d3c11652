using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Cli.Options;

/// <summary>
/// The values of <c>edgecontrol</c>'s options, parsed from an option's one word. Each problem is one sentence naming the
/// option, added to the parse result (System.CommandLine's own message for a number says "as expected type
/// 'System.Int64'", and its list of allowed words takes a line per word).
/// </summary>
internal static class OptionValues
{
    public static long WholeNumber(ArgumentResult result, long min, long max)
    {
        if (Token(result) is not { } text)
        {
            return default;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return Error<long>(result, $"must be a whole number (got '{text}')");
        }

        return value >= min && value <= max
            ? value
            : Error<long>(result, max == long.MaxValue ? $"must be at least {min} (got {value})" : $"must be between {min} and {max} (got {value})");
    }

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

    public static LoadedScenario? Scenario(ArgumentResult result)
    {
        if (Token(result) is not { } path)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            return Error<LoadedScenario>(result, $"names the scenario file '{path}', which does not exist");
        }

        try
        {
            return new LoadedScenario(path, ScenarioLoader.Load(path));
        }
        catch (ScenarioException error)
        {
            return Error<LoadedScenario>(result, $"names an invalid scenario file '{path}': {error.Message}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Error<LoadedScenario>(result, $"cannot read the scenario file '{path}': {error.Message}");
        }
    }

    /// <summary>The option's value, or null when it has none (System.CommandLine has already said so) or is empty.</summary>
    private static string? Token(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Tokens switch
        {
            [{ Value.Length: > 0 } token] => token.Value,
            [_] => Error<string>(result, "needs a value"),
            _ => null,
        };
    }

    private static T? Error<T>(ArgumentResult result, string problem)
    {
        result.AddError($"option {OptionName(result)} {problem}.");
        return default;
    }

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
