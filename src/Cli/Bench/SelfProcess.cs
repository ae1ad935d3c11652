using System.Diagnostics;
using System.Reflection;

namespace EdgeControl.Cli.Bench;

/// <summary>Starts this same program again, whether it runs as the apphost or as <c>dotnet edgecontrol.dll</c>.</summary>
internal static class SelfProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var executable = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the running executable");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(executable).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var assembly = Assembly.GetEntryAssembly()?.Location;
            start.ArgumentList.Add(string.IsNullOrEmpty(assembly) ? Path.Combine(AppContext.BaseDirectory, "edgecontrol.dll") : assembly);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
