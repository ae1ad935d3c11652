namespace EdgeControl.Web.Api;

/// <summary>
/// The rule for every identifier, name and secret the control plane takes from a client (request ids, user and
/// device names, profiles, passwords, ...), on every path: REST bodies, the device hub and the sign-in form.
/// A NUL cannot be stored in PostgreSQL at all (22021 rejects the whole statement or COPY, so one bad outcome
/// blocks a batch of many devices), and an unpaired UTF-16 surrogate has no UTF-8 encoding (Npgsql cannot send
/// it; Identity's hasher would silently turn it into U+FFFD, so two passwords would hash alike). Other control
/// characters are storable but never part of a name: they forge log lines (CR, LF), break headers and dashboards,
/// and C1 controls (U+0080-U+009F) are invisible, so two names that look equal would differ.
/// Printable Unicode (letters of any script, emoji as proper surrogate pairs, spaces) stays allowed.
/// </summary>
internal static class TextField
{
    public const string ControlCharacters = "Control characters (U+0000-U+001F, U+007F-U+009F) are not allowed.";

    public const string UnpairedSurrogate = "Unpaired UTF-16 surrogates (U+D800-U+DFFF) are not allowed: the text is not valid Unicode.";

    /// <summary>
    /// Null when <paramref name="value"/> is acceptable, otherwise why not (the caller puts it under the field's name).
    /// A null value is acceptable: whether a field may be omitted is the caller's rule, not this one. An empty string
    /// or one longer than <paramref name="maxLength"/> UTF-16 code units is not (never more characters than that,
    /// so it fits a <c>varchar(maxLength)</c> column).
    /// </summary>
    public static string? Problem(string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length == 0 || value.Length > maxLength)
        {
            return $"A string of 1-{maxLength} characters is required.";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                return ControlCharacters;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return UnpairedSurrogate;
            }
        }

        return null;
    }

    /// <summary>
    /// Adds <see cref="Problem"/> under <paramref name="field"/> unless that field already has an error (a missing or
    /// misspelt value is reported with the endpoint's own, more specific message).
    /// </summary>
    public static void Check(IDictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!errors.ContainsKey(field) && Problem(value, maxLength) is { } problem)
        {
            errors[field] = [problem];
        }
    }
}
