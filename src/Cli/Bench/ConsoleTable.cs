using System.Text;

namespace EdgeControl.Cli.Bench;

/// <summary>A plain-text table: left-aligned first columns, right-aligned numbers, a rule under the header.</summary>
internal sealed class ConsoleTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Columns from this index on are right-aligned.</summary>
    public int FirstNumericColumn { get; init; } = 1;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row needs {headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
    }

    public override string ToString()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        Append(text, headers, widths);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            Append(text, row, widths);
        }

        return text.ToString();
    }

    private void Append(StringBuilder text, string[] cells, int[] widths)
    {
        var padded = cells.Select((c, i) => i >= FirstNumericColumn ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
        text.AppendLine(string.Join("  ", padded).TrimEnd());
    }
}
