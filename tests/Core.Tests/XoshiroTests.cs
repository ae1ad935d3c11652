using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>The twin's random numbers: reproducible from the seed alone, and with the right distributions.</summary>
public class XoshiroTests
{
    [Fact]
    public void The_same_seed_gives_the_same_sequence()
    {
        var a = new Xoshiro256(42);
        var b = new Xoshiro256(42);

        Assert.Equal(Enumerable.Range(0, 1000).Select(_ => a.NextUInt64()), Enumerable.Range(0, 1000).Select(_ => b.NextUInt64()));
    }

    [Fact]
    public void Different_seeds_give_different_sequences()
    {
        var a = new Xoshiro256(42);
        var b = new Xoshiro256(43);

        Assert.NotEqual(Enumerable.Range(0, 10).Select(_ => a.NextUInt64()), Enumerable.Range(0, 10).Select(_ => b.NextUInt64()));
    }

    [Theory]
    // xoshiro256** seeded through SplitMix64, computed independently of this code from the authors' reference C.
    [InlineData(0, 0x99ec5f36cb75f2b4UL, 0xbf6e1f784956452aUL, 0x1a5f849d4933e6e0UL)]
    [InlineData(42, 0x15780b2e0c2ec716UL, 0x6104d9866d113a7eUL, 0xae17533239e499a1UL)]
    public void The_sequence_is_the_reference_xoshiro256_starstar_one(long seed, ulong first, ulong second, ulong third)
    {
        var rng = new Xoshiro256(seed);

        Assert.Equal([first, second, third], new[] { rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64() });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(48)]
    [InlineData(64)]
    [InlineData(1_000_003)]
    [InlineData(int.MaxValue)]
    public void NextInt_stays_in_range(int n)
    {
        var rng = new Xoshiro256(n);

        for (var i = 0; i < 100_000; i++)
        {
            Assert.InRange(rng.NextInt(n), 0, n - 1);
        }
    }

    [Fact]
    public void NextInt_reaches_every_value_about_equally_often()
    {
        var rng = new Xoshiro256(1);
        var counts = new int[7];

        for (var i = 0; i < 70_000; i++)
        {
            counts[rng.NextInt(7)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void NextDouble_is_in_the_unit_interval_with_mean_one_half()
    {
        var rng = new Xoshiro256(2);

        var draws = Enumerable.Range(0, 100_000).Select(_ => rng.NextDouble()).ToList();

        Assert.All(draws, d => Assert.True(d is >= 0 and < 1));
        Assert.InRange(draws.Average(), 0.49, 0.51);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.2)]
    [InlineData(0.5)]
    public void The_mean_one_log_normal_has_mean_one(double sigma)
    {
        var rng = new Xoshiro256(3);

        var draws = Enumerable.Range(0, 200_000).Select(_ => rng.NextMeanOneLogNormal(sigma)).ToList();

        Assert.All(draws, d => Assert.True(d > 0));
        Assert.InRange(draws.Average(), 0.99, 1.01);
        Assert.InRange(Math.Sqrt(draws.Average(d => Math.Log(d) * Math.Log(d)) - Math.Pow(draws.Average(Math.Log), 2)), 0.95 * sigma, 1.05 * sigma);
    }

    [Fact]
    public void Zero_noise_is_exactly_one()
    {
        var rng = new Xoshiro256(4);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(1.0, rng.NextMeanOneLogNormal(0)));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(4)]
    public void Exponential_gaps_have_mean_one_over_the_rate(double rate)
    {
        var rng = new Xoshiro256(5);

        Assert.InRange(Enumerable.Range(0, 200_000).Average(_ => rng.NextExponential(rate)), 0.98 / rate, 1.02 / rate);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(2)]
    [InlineData(8)]
    public void Poisson_counts_have_the_given_mean(double mean)
    {
        var rng = new Xoshiro256(6);

        Assert.InRange(Enumerable.Range(0, 100_000).Average(_ => rng.NextPoisson(mean)), mean - 0.05, mean + 0.05);
    }
}
