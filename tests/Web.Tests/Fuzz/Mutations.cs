namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>The kinds of malformed input the suite generates, one name each (the tables count by these names).</summary>
internal static class Mutations
{
    /// <summary>A value replaced by one of another JSON type (string, number, array, object, null, boolean).</summary>
    public const string TypeConfusion = "type confusion";

    public const string MissingField = "missing field";

    public const string UnknownField = "unknown field";

    /// <summary>NaN and infinities as strings and bare tokens, 1e308/1e309, -0, int and long overflow, denormals.</summary>
    public const string BoundaryNumber = "boundary number";

    public const string LongString = "long string";

    /// <summary>C0/C1 controls, DEL, CR LF, unpaired and reversed UTF-16 surrogates, raw control bytes inside a string.</summary>
    public const string ControlCharacter = "control character";

    public const string InvalidUtf8 = "invalid UTF-8";

    public const string Truncated = "truncated JSON";

    public const string DuplicateKey = "duplicate key";

    public const string DeepNesting = "deep nesting";

    public const string EmptyBody = "empty body";

    public const string WrongTopLevel = "wrong top-level type";

    /// <summary>Arrays of 1,001 to 50,000 items, bounded to about 1.5 MB.</summary>
    public const string HugeArray = "huge array";

    /// <summary>Trailing commas, single quotes, comments, a BOM, trailing garbage, two documents.</summary>
    public const string SyntaxError = "syntax error";

    /// <summary>A route parameter that is not what its constraint wants (not a GUID, %00, %FF, very long).</summary>
    public const string RouteValue = "malformed route value";

    /// <summary>A hub method called with one argument too few or one or two too many.</summary>
    public const string ArgumentCount = "wrong argument count";

    public const string NullArgument = "null argument";

    /// <summary>A hub method name the hub does not have (blank, with a NUL, 10,000 characters, a client method, Hub's own).</summary>
    public const string UnknownMethod = "unknown method";

    /// <summary>A hub message over the hub's receive limit (256 KB).</summary>
    public const string Oversized = "oversized message";

    /// <summary>The mutations of a body (every endpoint gets each in turn).</summary>
    public static readonly IReadOnlyList<string> OfBodies =
    [
        TypeConfusion, MissingField, UnknownField, BoundaryNumber, LongString, ControlCharacter, InvalidUtf8,
        Truncated, DuplicateKey, DeepNesting, EmptyBody, WrongTopLevel, HugeArray, SyntaxError,
    ];

    /// <summary>
    /// The mutations of a hub invocation: the arguments' count, a null, and each body mutation on one argument, but for
    /// an empty one (no client writes an argument of no JSON at all; the raw frames send empty messages).
    /// </summary>
    public static readonly IReadOnlyList<string> OfInvocations = [ArgumentCount, NullArgument, .. OfBodies.Where(m => m != EmptyBody)];
}
