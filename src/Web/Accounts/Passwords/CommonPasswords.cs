using System.Collections.Frozen;

namespace EdgeControl.Web.Accounts.Passwords;

/// <summary>
/// The list of common passwords shipped in <c>CommonPasswords.txt</c> (an embedded resource; its first lines name its
/// source and license), read once, on first use, and compared case-insensitively.
/// </summary>
internal static class CommonPasswords
{
    private const string ResourceName = "EdgeControl.Web.Accounts.Passwords.CommonPasswords.txt";

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static bool Contains(string password) => List.Value.Contains(password);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => List.Value.Count;

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        // The note at the top ends at the first empty line.
        while (reader.ReadLine() is { Length: > 0 })
        {
        }

        var passwords = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            passwords.Add(line);
        }

        return passwords.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
