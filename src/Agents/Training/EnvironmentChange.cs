using EdgeControl.Core.Domain;

namespace EdgeControl.Agents.Training;

/// <summary>
/// The environment changes under the learner after real step <paramref name="AtStep"/>: from the next decision on
/// the twin follows <paramref name="Changed"/> (a scenario of the same shape, <see cref="Core.Shifts.EnvironmentShift"/>).
/// </summary>
public sealed record EnvironmentChange(long AtStep, Scenario Changed);
