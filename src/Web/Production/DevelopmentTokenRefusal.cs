using EdgeControl.Web.Devices;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Production;

/// <summary>Stops start-up in Production when devices would register with the development token.</summary>
internal sealed class DevelopmentTokenRefusal(IHostEnvironment environment) : IValidateOptions<DevicesOptions>
{
    public ValidateOptionsResult Validate(string? name, DevicesOptions options) =>
        environment.IsProduction() && options.RegistrationToken == ProductionSettings.DevelopmentRegistrationToken
            ? ValidateOptionsResult.Fail(ProductionSettings.DevelopmentTokenRefused)
            : ValidateOptionsResult.Success;
}
