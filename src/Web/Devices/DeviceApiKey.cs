using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace EdgeControl.Web.Devices;

/// <summary>Creates device API keys and the hashes under which they are stored.</summary>
internal static class DeviceApiKey
{
    /// <summary>Marks the string as an EdgeControl key, so secret scanners and people recognise it.</summary>
    public const string Prefix = "ec_";

    /// <summary>Characters of the key kept in clear for display.</summary>
    public const int DisplayPrefixLength = 8;

    // 256 bits from the OS CSPRNG: far beyond guessing, so a fast unsalted hash is enough to store it.
    private const int RandomBytes = 32;

    public static string Generate() => Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(RandomBytes));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
