using EdgeControl.Core.Shifts;

namespace EdgeControl.Core.Tests;

/// <summary>The shifts a command line can write, and the errors for what it cannot.</summary>
public class EnvironmentShiftParserTests
{
    [Fact]
    public void Each_form_reads_as_its_shift()
    {
        Assert.Equal([new UplinkShift(0.1)], EnvironmentShiftParser.Parse("uplink/10"));
        Assert.Equal([new UplinkShift(2)], EnvironmentShiftParser.Parse("uplink*2"));
        Assert.Equal([new BackgroundShift("edge-1", 3)], EnvironmentShiftParser.Parse("background:edge-1*3"));
        Assert.Equal([new BackgroundShift("edge-1", 0)], EnvironmentShiftParser.Parse("background:edge-1*0"));
        Assert.Equal([new ServerRemoval("cloud-1")], EnvironmentShiftParser.Parse("remove:cloud-1"));
    }

    [Fact]
    public void Shifts_separated_by_commas_read_in_order()
    {
        Assert.Equal(
            [new UplinkShift(0.1), new ServerRemoval("cloud-1"), new BackgroundShift("edge-1", 3)],
            EnvironmentShiftParser.Parse("uplink/10, remove:cloud-1,background:edge-1*3"));
    }

    [Theory]
    [InlineData("", "unknown kind of shift")]
    [InlineData("uplink", "unknown kind of shift")]
    [InlineData("uplink/0", "the factor must be > 0")]
    [InlineData("uplink/-2", "the factor must be > 0")]
    [InlineData("uplink*x", "'x' is not a number")]
    [InlineData("uplink/NaN", "'NaN' is not a number")]
    [InlineData("background:edge-1", "background needs a server and a factor")]
    [InlineData("background:*3", "background needs a server and a factor")]
    [InlineData("background:edge-1*-1", "the factor must be >= 0")]
    [InlineData("remove:", "remove needs a server name")]
    [InlineData("drop:edge-1", "unknown kind of shift")]
    public void A_bad_form_is_named_with_why_and_every_accepted_form(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => EnvironmentShiftParser.Parse("uplink/10," + text));

        Assert.Contains($"'{text}' is not a shift ({why}", error.Message, StringComparison.Ordinal);
        Assert.Contains(EnvironmentShift.AcceptedForms, error.Message, StringComparison.Ordinal);
    }
}
