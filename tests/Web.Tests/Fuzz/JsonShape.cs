using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// The JSON shape of a request body or hub argument, read from the .NET type the app binds it to (the type an
/// endpoint declares with <c>Accepts&lt;T&gt;</c>, a hub method's parameter type). Read at test time, so a field added
/// to a request (a decision ticket, a list of hosted users) is fuzzed without touching the fuzz suite.
/// </summary>
internal abstract record JsonShape
{
    public static JsonShape Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(Guid))
        {
            return new TextShape();
        }

        if (type == typeof(bool))
        {
            return new BooleanShape();
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return new NumberShape(Integer: true);
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new NumberShape(Integer: false);
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return new TimeShape();
        }

        if (type.IsArray)
        {
            return new ListShape(Of(type.GetElementType()!));
        }

        if ((IsEnumerableOfT(type) ? type : type.GetInterfaces().FirstOrDefault(IsEnumerableOfT)) is { } enumerable)
        {
            return new ListShape(Of(enumerable.GetGenericArguments()[0]));
        }

        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            throw new NotSupportedException($"No JSON shape for {type}: a list must say its item type.");
        }

        // The properties System.Text.Json binds (records: one per constructor parameter), named as the web defaults name them.
        return new ObjectShape([.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => new FieldShape(JsonNamingPolicy.CamelCase.ConvertName(p.Name), Of(p.PropertyType)))]);
    }

    private static bool IsEnumerableOfT(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>);
}

internal sealed record TextShape : JsonShape;

internal sealed record BooleanShape : JsonShape;

internal sealed record NumberShape(bool Integer) : JsonShape;

/// <summary>An ISO 8601 timestamp with offset.</summary>
internal sealed record TimeShape : JsonShape;

internal sealed record ListShape(JsonShape Item) : JsonShape;

internal sealed record ObjectShape(IReadOnlyList<FieldShape> Fields) : JsonShape;

internal sealed record FieldShape(string Name, JsonShape Shape);
