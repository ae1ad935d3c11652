using System.Text.Json;

namespace EdgeControl.Web.Components.Widgets;

/// <summary>What the REST API answered to an admin action: its status and body (JSON, or problem details).</summary>
public sealed record ApiAnswer(int Status, string Body)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>The problem's per-field errors (validation problems), keyed by field name.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors()
    {
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Parse() is { } root && root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in fields.EnumerateObject())
            {
                errors[field.Name] = string.Join(" ", field.Value.EnumerateArray().Select(e => e.GetString()));
            }
        }

        return errors;
    }

    /// <summary>One sentence for the operator: the problem's detail, else its title, else the status.</summary>
    public string Message() =>
        Parse() is { } root && (root.TryGetProperty("detail", out var text) || root.TryGetProperty("title", out text)) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : Status == 403 ? "This needs the Admin role." : $"The server answered {Status}.";

    public JsonElement? Parse()
    {
        if (Body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
