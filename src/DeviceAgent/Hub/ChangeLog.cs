namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// Writes a line only when it differs from the last one it wrote, so a fault that lasts minutes (a server that is down,
/// a control plane refusing outcomes while its database is down) is said once when it starts and once when it ends,
/// not once per retry.
/// </summary>
internal sealed class ChangeLog(TextWriter log)
{
    private readonly Lock _lock = new();
    private string? _last;

    /// <summary>Writes <paramref name="line"/> unless it is the last line written; true when written.</summary>
    public bool Note(string line)
    {
        lock (_lock)
        {
            if (line == _last)
            {
                return false;
            }

            _last = line;
        }

        log.WriteLine(line);
        return true;
    }
}
