using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeControl.Web.Devices;

internal static class DevicesExtensions
{
    public static void AddDevices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DevicesOptions>()
            .BindConfiguration(DevicesOptions.SectionName)
            .Validate(
                options => options.RegistrationToken.Length == 0 || options.RegistrationToken.Length >= DevicesOptions.MinimumTokenLength,
                $"Devices:RegistrationToken must be empty (registration off) or at least {DevicesOptions.MinimumTokenLength} characters long.")
            .Validate(
                options => options.RegistrationsPerMinute > 0,
                "Devices:RegistrationsPerMinute must be a whole number greater than 0 (registrations allowed per client IP and minute).")
            .ValidateOnStart();
        builder.AddDeviceKeyAuthentication();
        // Tests may replace the clock; the endpoints take it from DI.
        builder.Services.TryAddSingleton(TimeProvider.System);
    }
}
