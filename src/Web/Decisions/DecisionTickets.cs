using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdgeControl.Data;
using EdgeControl.Protocol;

namespace EdgeControl.Web.Decisions;

/// <summary>
/// Signs every decision the control plane issues, so an outcome can prove it answers a decision issued to its device:
/// ticket = base64url(issued-at in unix ms, 8 bytes big-endian || the first 16 bytes of HMAC-SHA256(key, the device's
/// node id, the request id, user, action, target, variant and the issued-at)). Nothing is kept per decision, so a
/// ticket issued before a restart, or by another instance, verifies as long as the key (in PostgreSQL) is the same.
/// </summary>
/// <remarks>
/// 128 bits of MAC: forging one takes 2^128 guesses, each a refused outcome. Each text field is prefixed with its
/// length in the signed message, so no two (request id, user, ...) tuples sign alike by moving a separator between
/// fields (a request id may hold '|').
/// </remarks>
internal sealed class DecisionTickets
{
    private const int StampBytes = 8;
    private const int MacBytes = 16;

    /// <summary>The ticket's length in base64url characters (24 bytes, no padding).</summary>
    public const int Length = (StampBytes + MacBytes) * 4 / 3;

    /// <summary>The latest instant <see cref="DateTimeOffset"/> can hold, in unix ms.</summary>
    private static readonly long MaxStamp = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private byte[]? _key;

    /// <summary>Installs the key read from (or created in) the database at start-up, before any request is served.</summary>
    public void UseKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != DecisionTicketKeyEntity.KeyLength)
        {
            throw new ArgumentException($"A decision ticket key is {DecisionTicketKeyEntity.KeyLength} bytes.", nameof(key));
        }

        Volatile.Write(ref _key, key);
    }

    /// <summary>The ticket for a decision issued to <paramref name="nodeId"/> now.</summary>
    public string Issue(Guid nodeId, string requestId, string user, int action, string target, string variant, DateTimeOffset issuedAt)
    {
        Span<byte> ticket = stackalloc byte[StampBytes + MacBytes];
        var stamp = issuedAt.ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteInt64BigEndian(ticket, stamp);
        Mac(nodeId, requestId, user, action, target, variant, stamp).AsSpan(0, MacBytes).CopyTo(ticket[StampBytes..]);
        return Base64Url.EncodeToString(ticket);
    }

    /// <summary>
    /// When the decision <paramref name="outcome"/> answers was issued to <paramref name="nodeId"/>, or null when its
    /// ticket is missing, malformed, or was not issued to this device for this request id, user, action, target and
    /// variant (a forged ticket, another device's, or an outcome whose fields were changed).
    /// </summary>
    public DateTimeOffset? IssuedAt(Guid nodeId, MeasuredOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Span<byte> ticket = stackalloc byte[StampBytes + MacBytes];
        if (outcome.Ticket is not { Length: Length } text
            || !Base64Url.TryDecodeFromChars(text, ticket, out var written)
            || written != ticket.Length)
        {
            return null;
        }

        var stamp = BinaryPrimitives.ReadInt64BigEndian(ticket);
        if (stamp < 0 || stamp > MaxStamp)
        {
            return null;
        }

        var expected = Mac(nodeId, outcome.RequestId, outcome.User, outcome.Action, outcome.Target, outcome.Variant, stamp);
        return CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, MacBytes), ticket[StampBytes..])
            ? DateTimeOffset.FromUnixTimeMilliseconds(stamp)
            : null;
    }

    private byte[] Mac(Guid nodeId, string requestId, string user, int action, string target, string variant, long stamp)
    {
        var key = Volatile.Read(ref _key) ?? throw new InvalidOperationException("The decision ticket key has not been loaded from the database yet.");
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"v1|{nodeId:D}|{requestId.Length}:{requestId}|{user.Length}:{user}|{action}|{target.Length}:{target}|{variant.Length}:{variant}|{stamp}");
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));
    }
}
