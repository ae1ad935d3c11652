using System.Security.Cryptography;
using System.Text;

namespace EdgeControl.DeviceAgent.Storage;

/// <summary>
/// Where an agent keeps its state (the outbox and, when it registered itself, its identity): <c>--data DIR</c>, or
/// by default <c>$XDG_STATE_HOME/edgecontrol/agent-NAME</c> (<c>~/.local/state/...</c> when XDG_STATE_HOME is unset),
/// so the same agent started again on the same machine is the same device with the same outbox.
/// </summary>
internal static class AgentDataDirectory
{
    /// <summary>
    /// The default directory: named after <paramref name="name"/> when given, else after the API key's fingerprint
    /// (never the key itself) for a registered device, else after the host for one that registers itself.
    /// </summary>
    public static string Default(string? name, string? apiKey, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var state = environment("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        var device = name ?? (apiKey is not null ? "key-" + Fingerprint(apiKey) : Environment.MachineName);
        return Path.Combine(state, "edgecontrol", "agent-" + Safe(device));
    }

    /// <summary>Creates <paramref name="directory"/> if missing, readable by its owner only (it may hold an API key).</summary>
    public static void Create(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string Fingerprint(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)))[..12];

    private static string Safe(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').Take(64)]);
}
