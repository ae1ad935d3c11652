using System.Text.Json;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// What the app answered one fuzzed request: <see cref="Status"/> 0 when it did not answer within
/// <see cref="FuzzLimits.AnswerPatience"/> or dropped the connection (<see cref="Excerpt"/> says which).
/// </summary>
internal sealed record RestAnswer(
    FuzzedEndpoint Endpoint, string Credential, FuzzInput Input, string Path, int Status, string? ContentType, string Excerpt)
{
    public bool IsServerError => Status is 0 or >= 500;

    public bool IsClientError => Status is >= 400 and < 500;

    /// <summary>RFC 9457: <c>application/problem+json</c>, an object whose <c>status</c> is the answer's and which has a <c>title</c>.</summary>
    public bool IsProblemDetails { get; init; }

    /// <summary>
    /// Kestrel refused the request itself, before any middleware ran (e.g. <c>%00</c> in the path): it answers with no
    /// body, no Content-Type, and closes the connection. The app cannot shape that answer (ASP.NET Core has no hook for
    /// it); any answer that passed the app's pipeline with an empty body got one from the status-code pages.
    /// </summary>
    public bool IsKestrelRefusal { get; init; }

    /// <summary>A 4xx the app could have shaped but did not make problem details.</summary>
    public bool IsUnshapedClientError => IsClientError && !IsProblemDetails && !IsKestrelRefusal;

    public static bool HoldsProblemDetails(int status, string? contentType, byte[] body)
    {
        if (!string.Equals(contentType, "application/problem+json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var value) && value == status
                && root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String && t.GetString()!.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
