namespace EdgeControl.Core.Simulation;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018): a small, fast generator whose sequence depends only
/// on the seed, so a scenario replays identically on every machine and .NET version.
/// </summary>
public sealed class Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256(long seed)
    {
        // SplitMix64 spreads the seed over the 256-bit state, as the authors recommend.
        var x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The generator's full state, for checkpoints.</summary>
    public (ulong, ulong, ulong, ulong) State
    {
        get => (_s0, _s1, _s2, _s3);
        set => (_s0, _s1, _s2, _s3) = value;
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)((NextUInt64() >> 33) * (ulong)n >> 31);

    public double NextExponential(double rate) => -Math.Log(1.0 - NextDouble()) / rate;

    public double NextGaussian()
    {
        // Box-Muller; one value per call keeps the state sequence simple to reason about.
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>exp(sigma * z - sigma^2 / 2): a log-normal multiplier with mean 1.</summary>
    public double NextMeanOneLogNormal(double sigma) =>
        sigma <= 0 ? 1.0 : Math.Exp(sigma * NextGaussian() - 0.5 * sigma * sigma);

    /// <summary>Poisson-distributed count (Knuth's method; means here are small).</summary>
    public int NextPoisson(double mean) => mean <= 0 ? 0 : NextPoissonKnuth(Math.Exp(-mean));

    /// <summary>
    /// Knuth's method given <paramref name="expMinusMean"/> = exp(-mean) for a mean &gt; 0: a caller drawing
    /// many times with the same mean computes the exponential once; the draws are those of <see cref="NextPoisson"/>.
    /// </summary>
    public int NextPoissonKnuth(double expMinusMean)
    {
        var k = 0;
        var p = NextDouble();
        while (p > expMinusMean)
        {
            k++;
            p *= NextDouble();
        }

        return k;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
