namespace EdgeControl.Cli;

/// <summary>Lines of text no wider than asked, broken between items (words, or options of a synopsis).</summary>
internal static class Wrapping
{
    /// <summary>The items joined by spaces into lines of at most <paramref name="width"/> characters; a longer item makes a line of its own.</summary>
    public static IEnumerable<string> Lines(IEnumerable<string> items, int width)
    {
        ArgumentNullException.ThrowIfNull(items);
        var line = "";
        foreach (var item in items.Where(i => i.Length > 0))
        {
            if (line.Length > 0 && line.Length + 1 + item.Length > width)
            {
                yield return line;
                line = "";
            }

            line = line.Length == 0 ? item : $"{line} {item}";
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
