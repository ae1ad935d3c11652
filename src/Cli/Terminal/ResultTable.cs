using System.Text;
using Spectre.Console;

namespace EdgeControl.Cli.Terminal;

/// <summary>
/// A table of results: Spectre.Console's boxed table in a terminal, plain aligned text (what scripts, CI logs and the
/// committed tables read: left-aligned first columns, right-aligned numbers, a rule under the header) otherwise.
/// </summary>
internal sealed class ResultTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Columns from this index on hold numbers and are right-aligned.</summary>
    public int FirstNumericColumn { get; init; } = 1;

    public void Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row needs {headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Writes the table to <paramref name="output"/>, boxed when it is a terminal.</summary>
    public void Write(TextWriter output, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (interactive)
        {
            Render(TerminalOutput.For(output));
        }
        else
        {
            output.Write(Plain());
        }
    }

    public string Plain()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(widths.Select(w => new string('-', w)).ToArray()).Prepend(headers))
        {
            var padded = row.Select((cell, i) => i >= FirstNumericColumn ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            text.AppendLine(string.Join("  ", padded).TrimEnd());
        }

        return text.ToString();
    }

    public void Render(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < headers.Length; i++)
        {
            var column = new TableColumn(new Text(headers[i]));
            table.AddColumn(i >= FirstNumericColumn ? column.RightAligned() : column);
        }

        foreach (var row in _rows)
        {
            table.AddRow(row.Select(cell => new Text(cell)));
        }

        console.Write(table);
    }
}
