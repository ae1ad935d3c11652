using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Cluster;

/// <summary>Refuses lease timings that could let a trainer lose its lease between two renewals, naming the option.</summary>
internal sealed class TrainerLeaseOptionsValidator : IValidateOptions<TrainerLeaseOptions>
{
    public ValidateOptionsResult Validate(string? name, TrainerLeaseOptions options)
    {
        if (options.LeaseDuration <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"Cluster:LeaseDuration must be positive (it is {options.LeaseDuration}).");
        }

        if (options.LeaseRenewInterval <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"Cluster:LeaseRenewInterval must be positive (it is {options.LeaseRenewInterval}).");
        }

        return options.LeaseRenewInterval < options.LeaseDuration / 2
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Cluster:LeaseRenewInterval ({options.LeaseRenewInterval}) must be less than half of Cluster:LeaseDuration ({options.LeaseDuration}), so one failed renewal does not lose the lease.");
    }
}
