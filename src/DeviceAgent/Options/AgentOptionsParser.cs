using System.Globalization;
using EdgeControl.Core.Scenarios;
using EdgeControl.DeviceAgent.Storage;

namespace EdgeControl.DeviceAgent.Options;

/// <summary>
/// Parses the agent's command line. Every word must be a known option; every problem is an
/// <see cref="AgentUsageException"/> with one sentence naming the option.
/// </summary>
internal static class AgentOptionsParser
{
    private static readonly HashSet<string> Flags = ["help", "register", "real"];

    private static readonly HashSet<string> Valued =
        ["server", "api-key", "token", "name", "profile", "simulate", "scenario", "seed", "heartbeat", "bench-devices", "duration", "rate", "keys-file",
            "data", "stats", "poison-every", "bench-outbox"];

    /// <param name="environment">Environment variables (for the default --data directory); the process's when null.</param>
    public static AgentOptions Parse(IReadOnlyList<string> args, Func<string?> defaultScenarioPath, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(defaultScenarioPath);
        environment ??= Environment.GetEnvironmentVariable;
        var words = Words(args);
        if (words.ContainsKey("help"))
        {
            return new AgentOptions { Help = true, Server = new Uri("http://localhost") };
        }

        if (words.TryGetValue("bench-outbox", out var outboxCount))
        {
            // A local measurement: it needs no server and takes only where to put its throw-away outbox.
            var other = words.Keys.FirstOrDefault(k => k is not "bench-outbox" and not "data");
            return other is not null
                ? throw new AgentUsageException($"--bench-outbox measures the outbox alone and takes only --data DIR, not --{other}.")
                : new AgentOptions
                {
                    Server = new Uri("http://localhost"),
                    BenchOutbox = Integer("bench-outbox", outboxCount!, 1, 10_000_000),
                    DataDirectory = DataDirectory(words.GetValueOrDefault("data") ?? Path.GetTempPath()),
                };
        }

        var server = ParseServer(words.GetValueOrDefault("server"));
        var register = words.ContainsKey("register");
        var bench = words.TryGetValue("bench-devices", out var benchText) ? (int?)Integer("bench-devices", benchText!, 1, 100_000) : null;
        var apiKey = words.GetValueOrDefault("api-key");
        var token = words.GetValueOrDefault("token");

        if (bench is not null)
        {
            foreach (var alone in new[] { "register", "api-key", "simulate", "real", "name", "profile", "data", "stats", "poison-every" })
            {
                if (words.ContainsKey(alone))
                {
                    throw new AgentUsageException($"--bench-devices registers its own devices and cannot be combined with --{alone}.");
                }
            }
        }
        else
        {
            foreach (var benchOnly in new[] { "duration", "rate", "keys-file" })
            {
                if (words.ContainsKey(benchOnly))
                {
                    throw new AgentUsageException($"option --{benchOnly} belongs to the hub benchmark (--bench-devices N).");
                }
            }

            if (register && apiKey is not null)
            {
                throw new AgentUsageException("give either --api-key (a registered device) or --register (a new device), not both.");
            }

            if (register && token is null)
            {
                throw new AgentUsageException("option --register needs --token T (the server's registration token).");
            }

            if (!register && apiKey is null)
            {
                throw new AgentUsageException("give --api-key KEY, or --register --token T to register this device first.");
            }
        }

        var scenarioPath = words.GetValueOrDefault("scenario") ?? defaultScenarioPath()
            ?? throw new AgentUsageException("option --scenario FILE is needed: the repository's scenarios/paper-mobilenet.json was not found from here.");
        Core.Domain.Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(scenarioPath);
        }
        catch (ScenarioException error)
        {
            throw new AgentUsageException($"cannot use the scenario file '{scenarioPath}' (--scenario): {error.Message}.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new AgentUsageException($"cannot read the scenario file '{scenarioPath}' (--scenario): {error.Message}");
        }

        var users = words.TryGetValue("simulate", out var usersText) ? Integer("simulate", usersText!, 1, int.MaxValue) : 1;
        if (users > scenario.Users.Count)
        {
            throw new AgentUsageException($"option --simulate {users} asks for more users than the {scenario.Users.Count} of scenario '{scenario.Name}'.");
        }

        var name = words.GetValueOrDefault("name");
        return new AgentOptions
        {
            Server = server,
            ApiKey = apiKey,
            Register = register,
            Token = token,
            Name = name,
            Profile = words.GetValueOrDefault("profile") ?? "rpi4",
            Users = users,
            Scenario = scenario,
            ScenarioPath = scenarioPath,
            Real = words.ContainsKey("real"),
            Seed = words.TryGetValue("seed", out var seed) ? Integer("seed", seed!, 0, int.MaxValue) : 1,
            HeartbeatInterval = words.TryGetValue("heartbeat", out var heartbeat) ? Duration("heartbeat", heartbeat!) : TimeSpan.FromSeconds(5),
            BenchDevices = bench,
            Duration = words.TryGetValue("duration", out var duration) ? Duration("duration", duration!) : TimeSpan.FromSeconds(60),
            Rate = words.TryGetValue("rate", out var rate) ? Rate(rate!) : 1,
            KeysFile = words.GetValueOrDefault("keys-file"),
            DataDirectory = bench is null ? DataDirectory(words.GetValueOrDefault("data") ?? AgentDataDirectory.Default(name, apiKey, environment)) : null,
            StatsFile = words.TryGetValue("stats", out var stats) ? StatsFile(stats!) : null,
            PoisonEvery = words.TryGetValue("poison-every", out var poison) ? Duration("poison-every", poison!) : null,
        };
    }

    private static Dictionary<string, string?> Words(IReadOnlyList<string> args)
    {
        var words = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var word = args[i];
            if (!word.StartsWith("--", StringComparison.Ordinal))
            {
                throw new AgentUsageException($"unexpected argument '{word}' (options start with --; see --help).");
            }

            var name = word[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (Flags.Contains(name))
            {
                if (value is not null)
                {
                    throw new AgentUsageException($"option --{name} takes no value (got '{value}').");
                }
            }
            else if (Valued.Contains(name))
            {
                if (value is null && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }

                if (string.IsNullOrEmpty(value))
                {
                    throw new AgentUsageException($"option --{name} needs a value.");
                }
            }
            else
            {
                throw new AgentUsageException($"unknown option --{name} (see --help).");
            }

            if (!words.TryAdd(name, value))
            {
                throw new AgentUsageException($"option --{name} is given twice.");
            }
        }

        return words;
    }

    private static string DataDirectory(string text) =>
        File.Exists(text)
            ? throw new AgentUsageException($"option --data must name a directory, but '{text}' is a file.")
            : Path.GetFullPath(text);

    private static string StatsFile(string text)
    {
        if (Directory.Exists(text))
        {
            throw new AgentUsageException($"option --stats must name a file, but '{text}' is a directory.");
        }

        var full = Path.GetFullPath(text);
        return Directory.Exists(Path.GetDirectoryName(full))
            ? full
            : throw new AgentUsageException($"option --stats names a file in '{Path.GetDirectoryName(full)}', which does not exist.");
    }

    private static Uri ParseServer(string? text)
    {
        if (text is null)
        {
            throw new AgentUsageException("option --server URL is required (the control plane, e.g. http://127.0.0.1:5000).");
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new AgentUsageException($"option --server must be an http:// or https:// URL (got '{text}').");
    }

    private static int Integer(string name, string text, int min, int max)
    {
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new AgentUsageException($"option --{name} must be a whole number (got '{text}').");
        }

        return value >= min && value <= max
            ? (int)value
            : throw new AgentUsageException(max == int.MaxValue
                ? $"option --{name} must be at least {min} (got {value})."
                : $"option --{name} must be between {min} and {max} (got {value}).");
    }

    private static double Rate(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is > 0 and <= 1000
            ? rate
            : throw new AgentUsageException($"option --rate must be a number of requests per second per device, > 0 and <= 1000 (got '{text}').");

    /// <summary>"500ms", "30s", "2m", or a bare number of seconds.</summary>
    private static TimeSpan Duration(string name, string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value * unit <= 86_400
            ? TimeSpan.FromSeconds(value * unit)
            : throw new AgentUsageException($"option --{name} must be a positive duration such as 500ms, 30s or 2m (got '{text}').");
    }
}
