using System.Text;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>A seed from a seed and names that is the same in every process (string.GetHashCode is randomized per process).</summary>
internal static class StableHash
{
    public static int Of(int seed, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        // FNV-1a, 32 bit.
        var hash = 2_166_136_261u ^ (uint)seed;
        foreach (var b in parts.SelectMany(p => Encoding.UTF8.GetBytes(p + "\n")))
        {
            hash = (hash ^ b) * 16_777_619u;
        }

        return (int)(hash & int.MaxValue);
    }
}
