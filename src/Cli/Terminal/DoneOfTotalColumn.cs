using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EdgeControl.Cli.Terminal;

/// <summary>"4/12 done": Spectre.Console's own columns count bytes or percent, not items.</summary>
internal sealed class DoneOfTotalColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{(task.IsIndeterminate ? "?" : task.MaxValue.ToString("0", CultureInfo.InvariantCulture))} done"));
    }
}
