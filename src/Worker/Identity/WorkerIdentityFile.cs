using System.Text.Json;
using EdgeControl.CommandLine;
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

    /// <summary>Writes the identity atomically with mode 600 (<see cref="SecretFile"/>).</summary>
    public static void Save(string directory, RegisteredWorker worker) => SecretFile.Save(directory, FileName, worker, Json);
}
