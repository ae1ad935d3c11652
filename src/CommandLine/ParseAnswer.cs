using System.CommandLine;
using System.CommandLine.Invocation;

namespace EdgeControl.CommandLine;

/// <summary>What a program answers to a command line that asks for no run: its help or version, or its errors.</summary>
public static class ParseAnswer
{
    /// <summary>Exit code of a command line that does not name a valid run.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Writes the help or version (exit code 0), or the errors with the closest valid option for a misspelt one
    /// (<see cref="UsageError"/>). Null when the program is to run.
    /// </summary>
    public static int? Of(ParseResult result, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(error);
        if (result.Errors.Count > 0)
        {
            // The errors and suggestions, not the whole help after them: one screen per mistake is enough.
            if (result.Action is ParseErrorAction parseError)
            {
                parseError.ShowHelp = false;
            }

            result.Invoke(new InvocationConfiguration { Output = error, Error = error });
            error.WriteLine("(see --help for every option and its default)");
            return UsageError;
        }

        return result.Action is null ? null : result.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
