using System.Text.Json;
using EdgeControl.Protocol;

namespace EdgeControl.Worker.Identity;

/// <summary>
/// The identity of a registered worker (id, name, tier, URL, API key, token key) in <c>DIR/worker.json</c>, mode 600
/// because both keys are secrets, so a restarted worker with the same <c>--data-dir</c> is the same node and keeps
/// serving with its token key even while the control plane is down.
/// </summary>
internal static class WorkerIdentityFile
{
    public const string FileName = "worker.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The stored worker, or null when this directory has none.</summary>
    /// <exception cref="WorkerStartException">the file is there but unreadable.</exception>
    public static RegisteredWorker? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var worker = JsonSerializer.Deserialize<RegisteredWorker>(File.ReadAllText(path), Json);
            if (worker is not { ApiKey.Length: > 0, TokenKey.Length: > 0, Name.Length: > 0 })
            {
                throw new JsonException("no name, apiKey or tokenKey");
            }

            _ = WorkerTokens.Decode(worker.TokenKey);
            return worker;
        }
        catch (Exception error) when (error is JsonException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new WorkerStartException($"Cannot read the worker identity {path} ({error.Message}): fix or delete it (deleting registers the worker again).");
        }
    }

    /// <summary>Writes the identity atomically (temporary file, then rename), created with mode 600 in a directory only its owner reads.</summary>
    public static void Save(string directory, RegisteredWorker worker)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(file, worker, Json);
            // The keys exist nowhere else in this form (the server keeps the API key's hash): on disk before the rename.
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
