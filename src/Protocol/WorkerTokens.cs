using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace EdgeControl.Protocol;

/// <summary>
/// What a worker token grants: running request <paramref name="RequestId"/> of device <paramref name="Device"/> (its node
/// id) on worker <paramref name="Worker"/> (its node name) with model <paramref name="Variant"/>, until <paramref name="ExpiresAt"/>.
/// </summary>
public sealed record WorkerTokenClaims(string RequestId, string Device, string Worker, string Variant, DateTimeOffset ExpiresAt);

/// <summary>
/// Worker tokens: <c>base64url(claims as JSON) "." base64url(HMAC-SHA256(key, claims))</c>. The control plane issues one
/// with every decision that sends a request to a worker, signed with that worker's own token key (handed to it at
/// registration), so a token for one worker is worthless on another and nobody without the key can make one. The
/// worker checks the signature, the expiry, that it names this worker and the request's variant, and that the request
/// id was not used before (the token is good once).
/// </summary>
public static class WorkerTokens
{
    /// <summary>Length of a token key in bytes (the HMAC-SHA256 block size would allow more; 256 bits is the hash's strength).</summary>
    public const int KeyBytes = 32;

    /// <summary>Longest token accepted: far above any real one (ids and names are at most 64 characters), so parsing stays cheap.</summary>
    public const int MaxTokenLength = 2048;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    public static string Issue(ReadOnlySpan<byte> key, WorkerTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var payload = JsonSerializer.SerializeToUtf8Bytes(claims with { ExpiresAt = claims.ExpiresAt.ToUniversalTime() }, Json);
        var mac = HMACSHA256.HashData(key, payload);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(mac);
    }

    /// <summary>
    /// The claims of <paramref name="token"/> if <paramref name="key"/> signed it; null for anything else (malformed,
    /// too long, another key). Expiry and the other claims are the caller's to check against the request.
    /// </summary>
    public static WorkerTokenClaims? Verify(ReadOnlySpan<byte> key, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !Base64Url.IsValid(token.AsSpan(0, dot)) || !Base64Url.IsValid(token.AsSpan(dot + 1)))
        {
            return null;
        }

        var payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
        var mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), mac))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WorkerTokenClaims>(payload, Json);
        }
        catch (JsonException)
        {
            // Signed with our key yet not our format: an older or newer issuer. Not a token this worker understands.
            return null;
        }
    }

    /// <summary>The token key as the registration answer carries it.</summary>
    public static string Encode(byte[] key) => Convert.ToBase64String(key);

    public static byte[] Decode(string key) => Convert.FromBase64String(key);
}
