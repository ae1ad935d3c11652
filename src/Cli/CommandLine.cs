using System.Globalization;

namespace EdgeControl.Cli;

/// <summary>
/// The parsed words of one command: positionals and --options. Every option must be claimed by
/// the command, so a misspelt option is an error rather than silently ignored.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> words)
    {
        var list = words.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var word = list[i];
            if (!word.StartsWith("--", StringComparison.Ordinal))
            {
                Positionals.Add(word);
                continue;
            }

            var name = word[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = list[++i];
            }

            if (!_options.TryAdd(name, value))
            {
                throw new UsageException($"option --{name} is given twice");
            }
        }
    }

    public List<string> Positionals { get; } = [];

    public bool Flag(string name)
    {
        _claimed.Add(name);
        if (!_options.TryGetValue(name, out var value))
        {
            return false;
        }

        return value is null ? true : throw new UsageException($"option --{name} takes no value (got '{value}')");
    }

    public string? Text(string name)
    {
        _claimed.Add(name);
        if (!_options.TryGetValue(name, out var value))
        {
            return null;
        }

        return value ?? throw new UsageException($"option --{name} needs a value");
    }

    public string RequiredText(string name) => Text(name) ?? throw new UsageException($"option --{name} is required");

    public long Integer(string name, long fallback, long min, long max)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"option --{name} must be a whole number (got '{text}')");
        }

        return value >= min && value <= max
            ? value
            : throw new UsageException($"option --{name} must be between {min} and {max} (got {value})");
    }

    public long RequiredInteger(string name, long min, long max)
    {
        RequiredText(name);
        return Integer(name, min, min, max);
    }

    /// <summary>Fails on any option the command did not ask for, and on extra positionals.</summary>
    public void EnsureAllUsed(int positionals)
    {
        var unknown = _options.Keys.Where(k => !_claimed.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option --{unknown[0]}");
        }

        if (Positionals.Count > positionals)
        {
            throw new UsageException($"unexpected argument '{Positionals[positionals]}'");
        }
    }
}
