using System.Text.Json;

namespace EdgeControl.Protocol;

/// <summary>The part of an RFC 9457 problem details body a client shows in one line: its field errors, else its detail.</summary>
public static class ProblemSummary
{
    public static string Of(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return body;
            }

            return root.TryGetProperty("errors", out var errors) ? errors.ToString()
                : root.TryGetProperty("detail", out var detail) ? detail.GetString() ?? body
                : body;
        }
        catch (JsonException)
        {
            return body.Length == 0 ? "no details" : body;
        }
    }
}
