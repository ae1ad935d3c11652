using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdgeControl.Web.Api;

/// <summary>
/// Reads a JSON body the strict way the API promises: at most <see cref="MaxBytes"/>, no unknown fields,
/// and every failure a problem details response naming the field (minimal APIs' own binding gives a bare 400).
/// </summary>
internal static class StrictJsonBody
{
    public const int MaxBytes = 16 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The body as <typeparamref name="T"/>, or the 400 (<c>Invalid</c>) or 413 (<c>TooLarge</c>) to answer with instead.</summary>
    /// <param name="maxBytes">The body limit; <see cref="MaxBytes"/> unless an endpoint takes batches.</param>
    public static async Task<(T? Value, ValidationProblem? Invalid, ProblemHttpResult? TooLarge)> ReadAsync<T>(
        HttpRequest request, CancellationToken cancellationToken, int maxBytes = MaxBytes)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, null, TooLarge(maxBytes));
        }

        // Counted while reading too: a chunked body has no Content-Length to check up front.
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, Invalid("$", "A JSON request body is required."), null);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            return value is null ? (null, Invalid("$", "The request body must be a JSON object."), null) : (value, null, null);
        }
        catch (JsonException error)
        {
            return (null, Invalid(FieldOf(error), MessageOf(error)), null);
        }
    }

    /// <summary>
    /// "$.outcomes[3].latencyMs" -> "outcomes[3].latencyMs". For an unknown member the path usually ends with its
    /// name already; where it does not, the message holds the name.
    /// </summary>
    private static string FieldOf(JsonException error)
    {
        var path = error.Path ?? "$";
        if (error.Message.Contains("could not be mapped", StringComparison.Ordinal)
            && error.Message.Split('\'') is [_, var member, ..]
            && !path.EndsWith(member, StringComparison.Ordinal))
        {
            return path is "$" ? member : $"{path.TrimStart('$', '.')}.{member}";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
    }

    /// <summary>System.Text.Json's messages name .NET types ("System.Nullable`1[System.Double]"); API clients get plain words.</summary>
    private static string MessageOf(JsonException error)
    {
        if (error.Message.Contains("could not be mapped", StringComparison.Ordinal) && error.Message.Split('\'') is [_, var member, ..])
        {
            return $"'{member}' is not a field of this request.";
        }

        if (error.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "The value has the wrong JSON type or format for this field.";
        }

        var at = error.Message.IndexOf(" Path:", StringComparison.Ordinal);
        return "The body is not valid JSON: " + (at > 0 ? error.Message[..at] : error.Message);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        title: "Request body too large",
        detail: $"The request body must be at most {maxBytes} bytes.",
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
