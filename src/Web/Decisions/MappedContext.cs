using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Web.Decisions;

/// <summary>
/// A request context mapped for the learner: the <see cref="Observation"/> when every field is valid, otherwise the
/// errors by field name. <paramref name="ScenarioLoaded"/> false: no scenario yet, so the user could not be checked.
/// </summary>
internal sealed record MappedContext(Observation? Observation, IReadOnlyDictionary<string, string[]> Errors, bool ScenarioLoaded)
{
    /// <summary>The scenario <see cref="Observation"/> was mapped in (set with it).</summary>
    public Scenario? Scenario { get; init; }
}
