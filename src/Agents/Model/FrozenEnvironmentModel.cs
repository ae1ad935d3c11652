using EdgeControl.Agents.Features;
using EdgeControl.Agents.Neural;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Model;

/// <summary>
/// A fitted <see cref="EnvironmentModel"/>'s members as they were (<see cref="EnvironmentModel.Freeze"/>), evaluated in
/// managed code: the same predictions (to float rounding), from any number of threads at once, unchanged by later fits.
/// What the control plane answers outcome-prediction questions with, beside the frozen policy it serves.
/// </summary>
public sealed class FrozenEnvironmentModel : IOutcomePredictor
{
    private const int Outputs = 2;

    private readonly ObservationFeatures _observation;
    private readonly ActionFeatures _action;
    private readonly FrozenPerceptron[] _members;

    internal FrozenEnvironmentModel(ObservationFeatures observation, ActionFeatures action, FrozenPerceptron[] members)
    {
        _observation = observation;
        _action = action;
        _members = members;
    }

    /// <summary>Always: a model is frozen for serving only once it has been fitted.</summary>
    public bool CanPredict => true;

    public OutcomePrediction Predict(Observation request, int action)
    {
        ArgumentNullException.ThrowIfNull(request);
        Span<float> input = stackalloc float[_observation.Length + _action.Length];
        _observation.Write(request, input[.._observation.Length]);
        _action.Write(request, action, input[_observation.Length..]);
        Span<float> outputs = stackalloc float[_members.Length * Outputs];
        for (var m = 0; m < _members.Length; m++)
        {
            _members[m].Forward(input, outputs.Slice(m * Outputs, Outputs));
        }

        return OutcomePrediction.OfMembers(outputs, _members.Length, Outputs);
    }
}
