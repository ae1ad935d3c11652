using EdgeControl.Cli.Terminal;

namespace EdgeControl.Cli.Tests;

/// <summary>Result tables: boxed in a terminal, the plain aligned text everywhere else.</summary>
public sealed class ResultTableTests
{
    private static ResultTable Table()
    {
        var table = new ResultTable("agent", "setting", "to 0.95", "final score") { FirstNumericColumn = 2 };
        table.Add("hl", "default", "50", "0.996");
        table.Add("qlearning", "lr=0.2 [coarse]", ">20,000", "0.981");
        return table;
    }

    [Fact]
    public void Redirected_the_table_is_the_plain_text_scripts_and_the_committed_tables_read()
    {
        using var output = new StringWriter();

        Table().Write(output, interactive: false);

        Assert.Equal(
            """
            agent      setting          to 0.95  final score
            ---------  ---------------  -------  -----------
            hl         default               50        0.996
            qlearning  lr=0.2 [coarse]  >20,000        0.981

            """.ReplaceLineEndings(),
            output.ToString());
    }

    [Fact]
    public void In_a_terminal_the_table_is_boxed_with_numbers_right_aligned_and_text_shown_as_written()
    {
        using var output = new StringWriter();

        Table().Write(output, interactive: true);

        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.StartsWith("╭", lines[0], StringComparison.Ordinal);
        var qlearning = Assert.Single(lines, l => l.Contains("qlearning", StringComparison.Ordinal));
        Assert.Contains("lr=0.2 [coarse]", qlearning, StringComparison.Ordinal);
        var hl = Assert.Single(lines, l => l.Contains("│ hl ", StringComparison.Ordinal));
        // Right-aligned: the short number ends where the long one does.
        Assert.Equal(qlearning.IndexOf(">20,000", StringComparison.Ordinal) + ">20,000".Length, hl.IndexOf("50 ", StringComparison.Ordinal) + "50".Length);
    }
}
