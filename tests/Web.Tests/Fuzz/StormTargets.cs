using System.Net;
using EdgeControl.Protocol;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// What the storm sends as and to: the four credentials (signed in and registered before the storm begins, the
/// cookies read from the clients' jars), the device whose key the device lane carries, and a second device route
/// values may name.
/// </summary>
internal sealed record StormTargets(IReadOnlyList<FuzzCredential> Credentials, Guid DeviceId, Guid VictimId)
{
    public static async Task<StormTargets> PrepareAsync(RealSocketAppFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var adminCookies = new CookieContainer();
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = adminCookies }) { BaseAddress = fixture.Address };
        await SignIn.AsAdminAsync(admin);
        var operatorCookies = new CookieContainer();
        using var @operator = new HttpClient(new HttpClientHandler { CookieContainer = operatorCookies }) { BaseAddress = fixture.Address };
        await SignIn.AsNewOperatorAsync(fixture.App.Services, @operator);
        var (deviceId, apiKey) = await DeviceRegistration.RegisterDeviceAsync(admin);
        var (victimId, _) = await DeviceRegistration.RegisterDeviceAsync(admin);
        return new StormTargets(
            [
                new FuzzCredential(FuzzCredential.Anonymous, new Dictionary<string, string>()),
                new FuzzCredential(FuzzCredential.Operator, new Dictionary<string, string> { ["Cookie"] = operatorCookies.GetCookieHeader(fixture.Address) }),
                new FuzzCredential(FuzzCredential.Admin, new Dictionary<string, string> { ["Cookie"] = adminCookies.GetCookieHeader(fixture.Address) }),
                new FuzzCredential(FuzzCredential.Device, new Dictionary<string, string>
                {
                    [DeviceHubContract.ApiKeyHeader] = apiKey,
                    [DevicesApi.RegistrationTokenHeader] = DeviceRegistration.Token,
                }),
            ],
            deviceId,
            victimId);
    }
}
