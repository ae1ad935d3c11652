using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// The malformed invocations of a hub, generated from its methods' parameter types (read from the hub's endpoint at
/// test time, so a new hub method is fuzzed too): each method gets every mutation in turn on one of its arguments,
/// then come method names the hub does not have and messages over its receive limit.
/// </summary>
internal static class HubInvocations
{
    private static readonly string[] UnknownNames =
    [
        // No empty name: the client refuses to send one (a raw frame does).
        "NoSuchMethod", " ", "Heartbeat\u0000", "Heartbeat\n", "../Heartbeat", "Submit Request", "OnConnectedAsync",
        "OnDisconnectedAsync", "Dispose", "Execute", "Acknowledge", new string('M', 10_000),
    ];

    private static readonly string[] ExtraArguments = ["1", "\"x\"", "null", "{}", "[]", "true"];

    /// <summary>The methods a client may call: public, declared by the hub itself (not by <see cref="Hub"/> or object).</summary>
    public static IReadOnlyList<MethodInfo> MethodsOf(Type hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        return [.. hub.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType is { } declaring
                && !typeof(Hub).IsAssignableTo(declaring)
                && !(declaring.IsGenericType && declaring.GetGenericTypeDefinition() == typeof(Hub<>)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<HubInvocation> Plan(IReadOnlyList<MethodInfo> methods, int perMethod)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var plan = new List<HubInvocation>();
        foreach (var (method, index) in methods.Select((m, i) => (m, i)))
        {
            var random = new Random(StableHash.Of(FuzzLimits.Seed, "hub", method.Name));
            var mutator = new BodyMutator(random);
            for (var i = 0; i < perMethod; i++)
            {
                var unique = 500_000 + (index * 1_000) + i;
                var mutation = Mutations.OfInvocations[i % Mutations.OfInvocations.Count];
                plan.Add(Mutate(method, mutation, unique, random, mutator));
            }
        }

        var first = methods[0];
        plan.AddRange(UnknownNames.Select(name => new HubInvocation(
            name, Mutations.UnknownMethod, name.Length > 40 ? $"a name of {name.Length:N0} characters" : $"\"{name}\"", ValidArguments(first, 0))));
        plan.AddRange(Oversized(methods));
        return plan;
    }

    /// <summary>The arguments of <paramref name="method"/> as the app accepts them.</summary>
    public static List<RawJson> ValidArguments(MethodInfo method, int unique)
    {
        ArgumentNullException.ThrowIfNull(method);
        return [.. method.GetParameters().Select(p => Encode(ValidExamples.Of(JsonShape.Of(p.ParameterType), unique, p.Name).ToJsonString()))];
    }

    private static HubInvocation Mutate(MethodInfo method, string mutation, int unique, Random random, BodyMutator mutator)
    {
        var arguments = ValidArguments(method, unique);
        var parameters = method.GetParameters();
        switch (mutation)
        {
            case Mutations.ArgumentCount when arguments.Count > 0 && random.Next(2) == 0:
                arguments.RemoveAt(arguments.Count - 1);
                return new HubInvocation(method.Name, mutation, $"{arguments.Count} of {parameters.Length} arguments", arguments);
            case Mutations.ArgumentCount:
                var extra = 1 + random.Next(2);
                arguments.AddRange(Enumerable.Range(0, extra).Select(_ => Encode(ExtraArguments[random.Next(ExtraArguments.Length)])));
                return new HubInvocation(method.Name, mutation, $"{arguments.Count} arguments for {parameters.Length}", arguments);
            case Mutations.NullArgument when arguments.Count == 0:
                return new HubInvocation(method.Name, mutation, "null where no argument is expected", [Encode("null")]);
            case Mutations.NullArgument:
                var nulled = random.Next(arguments.Count);
                arguments[nulled] = Encode("null");
                return new HubInvocation(method.Name, mutation, $"{parameters[nulled].Name} = null", arguments);
            default:
                // A method without parameters gets the broken value as one argument too many.
                var at = arguments.Count == 0 ? -1 : random.Next(arguments.Count);
                var shape = at < 0 ? new ObjectShape([]) : JsonShape.Of(parameters[at].ParameterType);
                var input = mutator.Mutate(ValidExamples.Of(shape, unique, at < 0 ? null : parameters[at].Name), mutation);
                if (at < 0)
                {
                    arguments.Add(new RawJson(input.Bytes));
                }
                else
                {
                    arguments[at] = new RawJson(input.Bytes);
                }

                return new HubInvocation(method.Name, mutation, at < 0 ? $"an extra argument: {input.Detail}" : $"{parameters[at].Name}: {input.Detail}", arguments);
        }
    }

    /// <summary>Messages over the hub's receive limit (256 KB): a long string, a long list, and both on a method without parameters.</summary>
    private static IEnumerable<HubInvocation> Oversized(IReadOnlyList<MethodInfo> methods)
    {
        var text = Encode($"\"{new string('a', 300_000)}\"");
        foreach (var method in methods)
        {
            var arguments = ValidArguments(method, 900_000);
            var list = method.GetParameters().Select((p, i) => (p, i)).FirstOrDefault(x => JsonShape.Of(x.p.ParameterType) is ListShape);
            if (list.p is not null)
            {
                var item = ValidExamples.Of(((ListShape)JsonShape.Of(list.p.ParameterType)).Item, 900_000, list.p.Name).ToJsonString();
                arguments[list.i] = Encode("[" + string.Join(',', Enumerable.Repeat(item, 300_000 / item.Length * 2)) + "]");
                yield return new HubInvocation(method.Name, Mutations.Oversized, $"{list.p.Name}: a list of about 600 KB", arguments);
            }
            else
            {
                arguments.Add(text);
                yield return new HubInvocation(method.Name, Mutations.Oversized, "an extra string of 300,000 characters", arguments);
            }
        }
    }

    private static RawJson Encode(string json) => new(Encoding.UTF8.GetBytes(json));
}
