using System.CommandLine;
using System.CommandLine.Parsing;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Shifts;
using static EdgeControl.CommandLine.OptionValueParser;

namespace EdgeControl.Cli.Options;

/// <summary>The environment shift of <c>bench adaptation</c> and its child runs: what changes (<c>--shift</c>) and after which real step.</summary>
internal static class ShiftOptions
{
    public const string ShiftName = "--shift";

    public static Option<IReadOnlyList<EnvironmentShift>> Shift(bool required) => new(ShiftName)
    {
        HelpName = "SHIFT",
        Description = $"how the environment changes: {EnvironmentShift.AcceptedForms}",
        Required = required,
        CustomParser = Parse,
    };

    /// <summary>The scenario after the shifts; an error naming --shift when one names a server the scenario lacks.</summary>
    public static Scenario? ApplyTo(Scenario scenario, IReadOnlyList<EnvironmentShift> shifts, out string? error)
    {
        try
        {
            error = null;
            return EnvironmentShift.ApplyAll(shifts, scenario);
        }
        catch (ArgumentException e)
        {
            error = $"option {ShiftName} names a server the scenario lacks: {e.Message.Split(" (Parameter", 2)[0]}";
            return null;
        }
    }

    private static IReadOnlyList<EnvironmentShift>? Parse(ArgumentResult result)
    {
        if (Token(result) is not { } text)
        {
            return null;
        }

        try
        {
            return EnvironmentShiftParser.Parse(text);
        }
        catch (FormatException e)
        {
            return Error<IReadOnlyList<EnvironmentShift>>(result, $"cannot be read: {e.Message}");
        }
    }
}
