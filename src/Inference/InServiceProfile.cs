using EdgeControl.Core.Domain;

namespace EdgeControl.Inference;

/// <summary>
/// The compute times of the forward passes a worker served, per variant, and the profile they make: the start-up
/// <see cref="SelfProfile"/> describes the worker as it was while nothing else ran, and on a shared machine it is
/// not what requests meet (on the testbed's two cores every served pass took about 1.4 times its start-up figure).
/// <para>
/// Each variant keeps its last <see cref="Window"/> passes and is described by their median. A median of a window rather
/// than a time-decayed mean: single passes on a shared core have a heavy upper tail (a pass preempted by another
/// process, a GC pause), which would pull a mean along for many passes, while the median of a window ignores up to half
/// of it, and its memory is exactly the window: after a load change it has moved once half of the window's passes are
/// new. The window counts passes, not seconds, so a variant served rarely keeps its last figure rather than none.
/// </para>
/// <para>
/// Only variants with a full window have an in-service figure. The others keep their start-up figure scaled by how much
/// slower (or faster) the served variants run than at start: the sharing of the cores slows every variant alike, and
/// a twin that knew the busy variants slower but the rest as at start would prefer the rest for no reason.
/// </para>
/// Thread-safe: every slot records into one instance while the control-plane connection reads it.
/// </summary>
public sealed class InServiceProfile
{
    /// <summary>Default passes per variant: its median is one real pass (odd), and it follows a change within ~8 passes.</summary>
    public const int DefaultWindow = 15;

    private readonly Lock _lock = new();
    private readonly Dictionary<ModelVariant, PassWindow> _byVariant = [];

    public InServiceProfile(SelfProfile startUp, int window = DefaultWindow)
    {
        ArgumentNullException.ThrowIfNull(startUp);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        StartUp = startUp;
        Window = window;
    }

    /// <summary>The profile measured at start, alone: the starting point, and the figure of every variant not yet served enough.</summary>
    public SelfProfile StartUp { get; }

    /// <summary>Passes per variant whose median is its in-service figure.</summary>
    public int Window { get; }

    /// <summary>Records one served pass of <paramref name="variant"/> that computed for <paramref name="computeMs"/>.</summary>
    public void Record(ModelVariant variant, double computeMs)
    {
        ArgumentNullException.ThrowIfNull(variant);
        if (!double.IsFinite(computeMs) || computeMs <= 0)
        {
            return; // a clock that did not move says nothing about speed, and a fit cannot take it
        }

        lock (_lock)
        {
            if (!_byVariant.TryGetValue(variant, out var passes))
            {
                _byVariant[variant] = passes = new PassWindow(Window);
            }

            passes.Add(computeMs);
        }
    }

    /// <summary>
    /// The profile from the served passes (per variant as the class says, the throughput fitted to them as at start),
    /// or <see cref="StartUp"/> while no variant of it has a full window yet; <paramref name="servedVariants"/> counts
    /// the variants with an in-service figure (0 for the start-up profile).
    /// </summary>
    public SelfProfile Current(out int servedVariants)
    {
        var served = new Dictionary<ModelVariant, double>();
        lock (_lock)
        {
            foreach (var (variant, passes) in _byVariant)
            {
                if (passes.IsFull)
                {
                    served[variant] = passes.Median();
                }
            }
        }

        // Only variants the start-up profile has: the catalog's, and the ratio needs both figures.
        var startUpMs = StartUp.Variants.ToDictionary(v => v.Variant, v => v.MedianMs);
        var ratios = served.Where(s => startUpMs.ContainsKey(s.Key)).Select(s => Math.Log(s.Value / startUpMs[s.Key])).ToList();
        servedVariants = ratios.Count;
        if (ratios.Count == 0)
        {
            return StartUp;
        }

        // The geometric mean of served / start-up, as ThroughputFit weighs variants: each by its relative change.
        var slowdown = Math.Exp(ratios.Average());
        var measured = StartUp.Variants
            .Select(v => new MeasuredVariant(v.Variant, served.TryGetValue(v.Variant, out var ms) ? ms : v.MedianMs * slowdown))
            .ToList();
        return new SelfProfile(measured, ThroughputFit.GigaMacsPerSecond([.. measured.Select(m => (m.Variant.MegaMacs, m.MedianMs))]));
    }

    /// <summary>The last passes of one variant, oldest overwritten first.</summary>
    private sealed class PassWindow(int size)
    {
        private readonly double[] _ms = new double[size];
        private int _count;
        private int _next;

        public bool IsFull => _count == _ms.Length;

        public void Add(double ms)
        {
            _ms[_next] = ms;
            _next = (_next + 1) % _ms.Length;
            _count = Math.Min(_count + 1, _ms.Length);
        }

        public double Median() => SelfProfile.Median(_ms[.._count]);
    }
}
