using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Dashboard;

/// <summary>
/// Checks <see cref="DashboardOptions"/> at start like every other option: a wrong results path would otherwise only
/// show as a Learning page without its baselines.
/// </summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options) =>
        Directory.Exists(options.ResultsDirectory)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Dashboard:ResultsDirectory '{options.ResultsDirectory}' is not a directory: point it at the convergence " +
                "results (docs/results in the repository, results/ in a published build).");
}
