using System.Globalization;

namespace EdgeControl.Cli.Testbed;

/// <summary>One A/B window of the testbed: the serving policy from <paramref name="Start"/> to <paramref name="End"/>.</summary>
internal sealed record AbWindow(string Policy, DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset time) => time >= Start && time < End;

    /// <summary>
    /// The windows file scripts/testbed.sh writes: a header line, then <c>policy TAB start TAB end</c> per window with
    /// ISO 8601 times. Throws <see cref="FormatException"/> naming the line at fault.
    /// </summary>
    public static IReadOnlyList<AbWindow> ParseFile(string path)
    {
        var windows = new List<AbWindow>();
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var cells = lines[i].Split('\t');
            if (cells.Length != 3
                || !DateTimeOffset.TryParse(cells[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
                || !DateTimeOffset.TryParse(cells[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end)
                || end <= start)
            {
                throw new FormatException($"{path} line {i + 1}: expected 'policy<TAB>start<TAB>end' with ISO 8601 times, start before end; got '{lines[i]}'");
            }

            windows.Add(new AbWindow(cells[0], start, end));
        }

        return windows;
    }
}
