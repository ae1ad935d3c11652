using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tabular;

/// <summary>
/// Maps an observation to a table row as the paper does: network level x load level (of every
/// server, and whether the device is busy) x accuracy-requirement level, optionally x device class.
/// </summary>
public sealed class StateDiscretizer
{
    private readonly QLearningOptions _options;
    private readonly double[] _accuracyLevels;
    private readonly int _servers;
    private readonly int _deviceClasses;

    public StateDiscretizer(Scenario scenario, QLearningOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _accuracyLevels = scenario.Users.Select(u => u.AccuracyRequirement).Distinct().Order().ToArray();
        _servers = scenario.Servers.Count;
        _deviceClasses = options.UseDeviceClass ? scenario.DeviceClasses.Count : 1;
        var states = Count(scenario, options);
        StateCount = states <= int.MaxValue ? (int)states : throw new ArgumentException(TooMany(states), nameof(options));
    }

    public int StateCount { get; }

    /// <summary>
    /// Table rows this discretisation gives on <paramref name="scenario"/>: the product over servers makes it exponential
    /// in their number (a double, so a city's count does not overflow).
    /// </summary>
    public static double Count(Scenario scenario, QLearningOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        var deviceClasses = options.UseDeviceClass ? scenario.DeviceClasses.Count : 1;
        var accuracyLevels = scenario.Users.Select(u => u.AccuracyRequirement).Distinct().Count();
        return (options.BandwidthLevelsMbps.Length + 1) * 2.0 * accuracyLevels * deviceClasses
            * Math.Pow(options.LoadLevels.Length + 1, scenario.Servers.Count);
    }

    private static string TooMany(double states) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"discretisation gives {states:0.#e0} states; use fewer levels");

    public int State(Observation request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var index = Level(request.UplinkMbps, _options.BandwidthLevelsMbps);
        index = index * 2 + (request.LocalLoad > 0 ? 1 : 0);
        for (var s = 0; s < _servers; s++)
        {
            index = index * (_options.LoadLevels.Length + 1) + Level(request.ServerLoads[s], _options.LoadLevels);
        }

        index = index * _accuracyLevels.Length + AccuracyLevel(request.AccuracyRequirement);
        return index * _deviceClasses + (_options.UseDeviceClass ? request.DeviceClass : 0);
    }

    private int AccuracyLevel(double requirement)
    {
        // Requirements outside the scenario's (live devices) fall into the nearest level at or below.
        var level = 0;
        for (var i = 0; i < _accuracyLevels.Length; i++)
        {
            if (requirement >= _accuracyLevels[i])
            {
                level = i;
            }
        }

        return level;
    }

    private static int Level(double value, double[] upperEdges)
    {
        var level = 0;
        while (level < upperEdges.Length && value > upperEdges[level])
        {
            level++;
        }

        return level;
    }

    private static int Level(int value, int[] upperEdges)
    {
        var level = 0;
        while (level < upperEdges.Length && value > upperEdges[level])
        {
            level++;
        }

        return level;
    }
}
