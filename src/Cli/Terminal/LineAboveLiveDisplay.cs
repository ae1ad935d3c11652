using Spectre.Console;
using Spectre.Console.Rendering;

namespace EdgeControl.Cli.Terminal;

/// <summary>
/// A line printed above Spectre.Console's live display. Spectre moves the cursor to the display's first line and
/// writes the text over it without erasing it, so a line shorter than the display (or the last piece of a wrapped
/// one) kept the display's tail after it; erasing to the end of the screen first leaves only the text, and the
/// display is drawn again below it.
/// </summary>
internal sealed class LineAboveLiveDisplay(string text) : IRenderable
{
    /// <summary>ANSI "erase in display" from the cursor to the end of the screen.</summary>
    private const string EraseBelow = "\u001b[0J";

    private readonly Text _text = new(text);

    public Measurement Measure(RenderOptions options, int maxWidth) => ((IRenderable)_text).Measure(options, maxWidth);

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        yield return Segment.Control(EraseBelow);
        foreach (var segment in ((IRenderable)_text).Render(options, maxWidth))
        {
            yield return segment;
        }

        yield return Segment.LineBreak;
    }
}
