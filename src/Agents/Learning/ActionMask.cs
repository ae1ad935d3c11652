using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Learning;

/// <summary>
/// Prior knowledge any learner may be given: a variant whose published top-1 is below the
/// request's accuracy requirement need not be tried (unless no variant meets it, then the most
/// accurate ones are allowed). When enabled, it applies to every learner alike.
/// </summary>
public sealed class ActionMask
{
    private readonly Scenario _scenario;
    private readonly ActionSpace _actions;
    private readonly Dictionary<double, bool[]> _byRequirement = [];
    private readonly bool[] _all;

    /// <param name="enabled">False: every action is always allowed (the no-prior-knowledge ablation).</param>
    public ActionMask(Scenario scenario, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        _actions = new ActionSpace(scenario);
        Enabled = enabled;
        _all = Enumerable.Repeat(true, _actions.Count).ToArray();
    }

    public bool Enabled { get; }

    /// <summary>The allowed actions, or an empty span meaning "all" when the mask is off (cheaper to test).</summary>
    public ReadOnlySpan<bool> Restrict(Observation request) => Enabled ? Allowed(request) : ReadOnlySpan<bool>.Empty;

    /// <summary>Allowed actions for a request (do not mutate; shared per requirement level).</summary>
    public bool[] Allowed(Observation request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Enabled)
        {
            return _all;
        }

        if (_byRequirement.TryGetValue(request.AccuracyRequirement, out var allowed))
        {
            return allowed;
        }

        var catalog = _scenario.Catalog;
        var best = catalog.Max(v => v.Top1);
        var threshold = Math.Min(request.AccuracyRequirement, best);
        allowed = new bool[_actions.Count];
        for (var a = 0; a < allowed.Length; a++)
        {
            allowed[a] = catalog[_actions.Decode(a).Variant].Top1 >= threshold;
        }

        _byRequirement[request.AccuracyRequirement] = allowed;
        return allowed;
    }

    /// <summary>
    /// The actions allowed by both <paramref name="first"/> and <paramref name="second"/>, where an empty span means
    /// "all" (as <see cref="Restrict"/> answers); empty when both are.
    /// </summary>
    public static ReadOnlySpan<bool> Intersect(ReadOnlySpan<bool> first, ReadOnlySpan<bool> second)
    {
        if (first.IsEmpty)
        {
            return second;
        }

        if (second.IsEmpty)
        {
            return first;
        }

        if (first.Length != second.Length)
        {
            throw new ArgumentException($"Masks of {first.Length} and {second.Length} actions cannot be combined.", nameof(second));
        }

        var both = new bool[first.Length];
        for (var a = 0; a < both.Length; a++)
        {
            both[a] = first[a] && second[a];
        }

        return both;
    }
}
