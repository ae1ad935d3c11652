using EdgeControl.Protocol;

namespace EdgeControl.Worker.Api;

/// <summary>
/// Whether a request's worker token grants it: signed with this worker's key, naming this worker, the request's
/// <c>X-Request-Id</c> and <c>X-Variant</c>, and not expired. (Whether it was used before is <see cref="UsedRequestIds"/>'.)
/// </summary>
internal static class TokenCheck
{
    /// <summary>The token's claims, or why it does not grant this request (one sentence for a 401's detail).</summary>
    public static (WorkerTokenClaims? Claims, string? Refusal) Check(WorkerKey key, string? token, string? requestId, string? variant, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, $"The {WorkerContract.TokenHeader} header is missing: the control plane issues one with every decision sent here.");
        }

        if (WorkerTokens.Verify(key.TokenKey, token) is not { } claims)
        {
            return (null, $"The {WorkerContract.TokenHeader} header holds no token signed with this worker's key.");
        }

        string? refusal = null;
        if (!string.Equals(claims.Worker, key.Name, StringComparison.Ordinal))
        {
            refusal = $"The token is for worker '{claims.Worker}', not this worker '{key.Name}'.";
        }
        else if (!string.Equals(claims.RequestId, requestId, StringComparison.Ordinal))
        {
            refusal = $"The token is for request '{claims.RequestId}', not the {WorkerContract.RequestIdHeader} '{requestId}'.";
        }
        else if (!string.Equals(claims.Variant, variant, StringComparison.Ordinal))
        {
            refusal = $"The token is for variant '{claims.Variant}', not the {WorkerContract.VariantHeader} '{variant}'.";
        }
        else if (claims.ExpiresAt <= now)
        {
            refusal = $"The token expired at {claims.ExpiresAt:O} (now {now:O}).";
        }

        return refusal is null ? (claims, null) : (null, refusal);
    }
}
