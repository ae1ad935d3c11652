using System.CommandLine.Parsing;
using System.Globalization;

namespace EdgeControl.CommandLine;

/// <summary>
/// Parses an option's one token for a <c>CustomParser</c>. Each problem is one sentence naming the option, added to the
/// parse result: System.CommandLine's own message for a number says "as expected type 'System.Int64'".
/// </summary>
public static class OptionValueParser
{
    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; <see cref="long.MaxValue"/> as max means no upper bound.</summary>
    public static long WholeNumber(ArgumentResult result, long min, long max) => WholeNumber(result, min, max, long.MaxValue);

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; <see cref="int.MaxValue"/> as max means no upper bound.</summary>
    public static int WholeNumber(ArgumentResult result, int min, int max) => (int)WholeNumber(result, min, max, int.MaxValue);

    /// <summary>The option's value, or null when it has none (System.CommandLine has already said so) or is empty.</summary>
    public static string? Token(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Tokens switch
        {
            [{ Value.Length: > 0 } token] => token.Value,
            [_] => Error<string>(result, "needs a value"),
            _ => null,
        };
    }

    /// <summary>An absolute http:// or https:// URL (System.CommandLine cannot parse an http URL into a Uri at all).</summary>
    public static Uri? HttpUrl(ArgumentResult result) =>
        Token(result) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri
        : Error<Uri>(result, $"must be an http:// or https:// URL (got '{text}')");

    /// <summary>A directory, as a full path: it need not exist yet (the program creates it), but must not be a file.</summary>
    public static string? Directory(ArgumentResult result) =>
        Token(result) is not { } text ? null
        : File.Exists(text) ? Error<string>(result, $"must name a directory, but '{text}' is a file")
        : Path.GetFullPath(text);

    /// <summary>Adds "option NAME <paramref name="problem"/>." to the parse result; returns the default for the parser to return.</summary>
    public static T? Error<T>(ArgumentResult result, string problem)
    {
        ArgumentNullException.ThrowIfNull(result);
        result.AddError($"option {OptionName(result)} {problem}.");
        return default;
    }

    /// <param name="unbounded">The max of the caller's type: the error then says "at least" rather than "between".</param>
    private static long WholeNumber(ArgumentResult result, long min, long max, long unbounded)
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
            : Error<long>(result, max == unbounded ? $"must be at least {min} (got {value})" : $"must be between {min} and {max} (got {value})");
    }

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
