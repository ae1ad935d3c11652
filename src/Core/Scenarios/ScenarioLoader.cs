using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeControl.Core.Catalog;
using EdgeControl.Core.Domain;
using static EdgeControl.Core.Scenarios.FieldChecks;

namespace EdgeControl.Core.Scenarios;

/// <summary>Reads a scenario file and turns it into a validated <see cref="Scenario"/>, or says which field is wrong.</summary>
public static class ScenarioLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static Scenario Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException($"scenario file '{path}' does not exist");
        }

        return Parse(File.ReadAllText(path));
    }

    public static Scenario Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ScenarioException("(document)", "is empty");
        }

        ScenarioFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ScenarioFile>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "(document)" : e.Path.TrimStart('$', '.');
            throw new ScenarioException(field, Describe(e, field));
        }

        return Validate(file ?? throw new ScenarioException("(document)", "is empty (null)"));
    }

    private static string Describe(JsonException e, string field)
    {
        // System.Text.Json words unknown members and type mismatches in .NET terms
        // ("could not be converted to System.Nullable`1[System.Int32]"); say it in the file's terms.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var property = field[(field.LastIndexOf('.') + 1)..];
            return $"unknown property '{property}' (property names are camelCase and case-sensitive)";
        }

        const string Converted = "could not be converted to ";
        var at = message.IndexOf(Converted, StringComparison.Ordinal);
        if (at < 0)
        {
            // A syntax error: where it is matters more than the path.
            return e.LineNumber is { } line ? Invariant($"{message} (line {line + 1})") : message;
        }

        var type = message[(at + Converted.Length)..];
        var expected =
            type.StartsWith("System.Nullable`1[System.Int32]", StringComparison.Ordinal) ? "a whole number"
            : type.StartsWith("System.Nullable`1[System.Double]", StringComparison.Ordinal) || type.StartsWith("System.Double", StringComparison.Ordinal) ? "a number"
            : type.StartsWith("System.String", StringComparison.Ordinal) ? "a string"
            : type.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal) ? "an object"
            : type.Contains("[]", StringComparison.Ordinal) ? "a list"
            : "an object";
        return $"must be {expected}";
    }

    private static Scenario Validate(ScenarioFile f)
    {
        var name = Required(f.Name, "name");
        var catalogName = Required(f.Catalog, "catalog");
        if (!PublishedFigures.Catalogs.TryGetValue(catalogName, out var catalog))
        {
            throw new ScenarioException("catalog", $"unknown catalog '{catalogName}' (known: {string.Join(", ", PublishedFigures.Catalogs.Keys)})");
        }

        var noise = InRange(f.MeasurementNoise ?? 0.0, 0.0, 1.0, "measurementNoise");
        var reward = f.Reward ?? throw Missing("reward");
        var weights = new RewardWeights(
            Positive(reward.EnergyReferenceJ, "reward.energyReferenceJ"),
            NonNegative(reward.AccuracyPenalty, "reward.accuracyPenalty"));

        var hardware = ScenarioHardware.Validate(f.NodeProfiles, f.Radios);
        var conditions = ValidateConditions(f.NetworkConditions);
        var servers = ValidateServers(f.Servers, hardware);
        var (users, deviceClasses) = ValidateUsers(f.Users, conditions, hardware);

        var evaluation = f.Evaluation ?? new ScenarioFile.EvaluationSection();
        var evalCount = InRange(evaluation.Observations ?? 1000, 10, 1_000_000, "evaluation.observations");

        var seed = f.Seed ?? throw Missing("seed");
        return new Scenario(name, f.Description ?? "", seed, catalogName, catalog, noise, weights,
            conditions, servers, users, deviceClasses, evalCount, evaluation.Seed ?? seed + 1);
    }

    private static List<NetworkCondition> ValidateConditions(ScenarioFile.ConditionSection[]? sections)
    {
        if (sections is null || sections.Length == 0)
        {
            throw new ScenarioException("networkConditions", "must list at least one network condition");
        }

        var conditions = new List<NetworkCondition>();
        for (var i = 0; i < sections.Length; i++)
        {
            var c = sections[i] ?? throw Missing($"networkConditions[{i}]");
            var at = $"networkConditions[{i}]";
            var conditionName = Required(c.Name, $"{at}.name");
            if (conditions.Any(x => x.Name == conditionName))
            {
                throw new ScenarioException($"{at}.name", $"duplicate network condition '{conditionName}'");
            }

            conditions.Add(new NetworkCondition(conditionName,
                Positive(c.UplinkMbps, $"{at}.uplinkMbps"),
                NonNegative(c.RttEdgeMs, $"{at}.rttEdgeMs"),
                NonNegative(c.RttCloudMs, $"{at}.rttCloudMs")));
        }

        return conditions;
    }

    private static List<ServerNode> ValidateServers(ScenarioFile.ServerSection[]? sections, ScenarioHardware hardware)
    {
        if (sections is null || sections.Length == 0)
        {
            throw new ScenarioException("servers", "must list at least one edge or cloud server");
        }

        var servers = new List<ServerNode>();
        for (var i = 0; i < sections.Length; i++)
        {
            var s = sections[i] ?? throw Missing($"servers[{i}]");
            var at = $"servers[{i}]";
            var serverName = Required(s.Name, $"{at}.name");
            if (servers.Any(x => x.Name == serverName))
            {
                throw new ScenarioException($"{at}.name", $"duplicate server '{serverName}'");
            }

            var profile = hardware.Profile(s.Profile, $"{at}.profile");
            if (profile.Tier == Tier.Device)
            {
                throw new ScenarioException($"{at}.profile", $"'{profile.Name}' is a device profile; a server needs an edge or cloud profile");
            }

            servers.Add(new ServerNode(serverName, profile, InRange(s.BackgroundLoad ?? 0.0, 0.0, 1000.0, $"{at}.backgroundLoad")));
        }

        return servers;
    }

    private static (List<User> Users, List<NodeProfile> DeviceClasses) ValidateUsers(
        ScenarioFile.UserSection[]? sections, List<NetworkCondition> conditions, ScenarioHardware hardware)
    {
        if (sections is null || sections.Length == 0)
        {
            throw new ScenarioException("users", "must list at least one user");
        }

        var users = new List<User>();
        // A city has thousands of users: a set keeps the duplicate check linear.
        var names = new HashSet<string>(StringComparer.Ordinal);
        var deviceClasses = new List<NodeProfile>();
        for (var i = 0; i < sections.Length; i++)
        {
            var u = sections[i] ?? throw Missing($"users[{i}]");
            var at = $"users[{i}]";
            var userName = Required(u.Name, $"{at}.name");
            var count = InRange(u.Count ?? 1, 1, 10_000, $"{at}.count");
            var device = hardware.Profile(u.Device, $"{at}.device");
            if (device.Tier != Tier.Device)
            {
                throw new ScenarioException($"{at}.device", $"'{device.Name}' is a server profile ({TierNames.Of(device.Tier)} tier), not a device");
            }

            var radio = hardware.Radio(u.Radio, $"{at}.radio");
            var accuracy = InRange(u.AccuracyRequirement ?? throw Missing($"{at}.accuracyRequirement"), 0.0, 1.0, $"{at}.accuracyRequirement");
            var slo = Positive(u.SloMs, $"{at}.sloMs");
            var energyWeight = NonNegative(u.EnergyWeight, $"{at}.energyWeight");
            var rate = Positive(u.ArrivalRatePerSecond, $"{at}.arrivalRatePerSecond");
            var network = ValidateNetwork(u.Network, conditions, $"{at}.network");

            var deviceClass = deviceClasses.IndexOf(device);
            if (deviceClass < 0)
            {
                deviceClasses.Add(device);
                deviceClass = deviceClasses.Count - 1;
            }

            for (var k = 0; k < count; k++)
            {
                var instanceName = count == 1 ? userName : string.Create(CultureInfo.InvariantCulture, $"{userName}-{k + 1}");
                if (!names.Add(instanceName))
                {
                    throw new ScenarioException($"{at}.name", $"duplicate user '{instanceName}'");
                }

                users.Add(new User(instanceName, device, deviceClass, radio, accuracy, slo, energyWeight, rate, network));
            }
        }

        return (users, deviceClasses);
    }

    private static NetworkDynamics ValidateNetwork(ScenarioFile.NetworkSection? n, List<NetworkCondition> conditions, string at)
    {
        if (n is null)
        {
            throw Missing(at);
        }

        if (n.Trace is not null && n.Transitions is not null)
        {
            throw new ScenarioException(at, "give either 'transitions' (Markov chain) or 'trace', not both");
        }

        if (n.Trace is not null)
        {
            if (n.Initial is not null)
            {
                throw new ScenarioException($"{at}.initial", "belongs to a Markov chain ('transitions'); a trace starts at its first step");
            }

            if (n.Trace.Length == 0)
            {
                throw new ScenarioException($"{at}.trace", "must have at least one step");
            }

            var indices = new int[n.Trace.Length];
            var seconds = new double[n.Trace.Length];
            for (var i = 0; i < n.Trace.Length; i++)
            {
                var step = n.Trace[i] ?? throw Missing($"{at}.trace[{i}]");
                indices[i] = ConditionIndex(step.Condition, conditions, $"{at}.trace[{i}].condition");
                seconds[i] = Positive(step.Seconds, $"{at}.trace[{i}].seconds");
            }

            return new TraceNetwork(indices, seconds);
        }

        var initial = ConditionIndex(n.Initial, conditions, $"{at}.initial");
        var matrix = new double[conditions.Count][];
        for (var i = 0; i < conditions.Count; i++)
        {
            matrix[i] = new double[conditions.Count];
            matrix[i][i] = 1.0; // a condition without a row stays as it is
        }

        if (n.Transitions is not null)
        {
            foreach (var (fromName, row) in n.Transitions)
            {
                var from = ConditionIndex(fromName, conditions, $"{at}.transitions.{fromName}");
                if (row is null)
                {
                    throw new ScenarioException($"{at}.transitions.{fromName}", "must be an object of next-condition probabilities");
                }

                Array.Clear(matrix[from]);
                foreach (var (toName, p) in row)
                {
                    var to = ConditionIndex(toName, conditions, $"{at}.transitions.{fromName}.{toName}");
                    matrix[from][to] = InRange(p, 0.0, 1.0, $"{at}.transitions.{fromName}.{toName}");
                }

                var sum = matrix[from].Sum();
                if (Math.Abs(sum - 1.0) > 1e-6)
                {
                    throw new ScenarioException($"{at}.transitions.{fromName}", string.Create(CultureInfo.InvariantCulture, $"probabilities must sum to 1 (got {sum:0.######})"));
                }
            }
        }

        return new MarkovNetwork(initial, matrix);
    }

    private static int ConditionIndex(string? conditionName, List<NetworkCondition> conditions, string field)
    {
        var required = Required(conditionName, field);
        var index = conditions.FindIndex(c => c.Name == required);
        return index >= 0
            ? index
            : throw new ScenarioException(field, $"unknown network condition '{required}' (known: {string.Join(", ", conditions.Select(c => c.Name))})");
    }
}
