using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Devices;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Lets a request to the device hub through only with an unrevoked device key, in the <c>X-Api-Key</c> header or,
/// for clients that cannot set headers, the <c>access_token</c> query parameter; remembers whose key it was.
/// </summary>
internal static class DeviceKeyGate
{
    private const string NodeIdItem = "EdgeControl.DeviceHub.NodeId";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var apiKey = context.Request.Headers[DeviceHubContract.ApiKeyHeader].ToString();
        if (apiKey.Length == 0)
        {
            apiKey = context.Request.Query[DeviceHubContract.AccessTokenQuery].ToString();
        }

        if (apiKey.Length == 0)
        {
            await Refuse(context, $"The {DeviceHubContract.ApiKeyHeader} header (or the {DeviceHubContract.AccessTokenQuery} query parameter) with the device's API key is required.");
            return;
        }

        var db = context.RequestServices.GetRequiredService<EdgeControlDbContext>();
        var owner = await DeviceKeyCheck.FindOwnerAsync(apiKey, db, context.RequestServices.GetRequiredService<VerifiedDeviceKeys>(), context.RequestAborted);
        if (owner is null)
        {
            await Refuse(context, $"The {DeviceHubContract.ApiKeyHeader} header (or {DeviceHubContract.AccessTokenQuery}) does not hold a valid (unrevoked) device API key.");
            return;
        }

        context.Items[NodeIdItem] = owner.Value;
        await next(context);
    }

    /// <summary>The device the connection's request authenticated as.</summary>
    public static Guid NodeIdOf(HttpContext? context) =>
        context?.Items[NodeIdItem] is Guid nodeId
            ? nodeId
            : throw new InvalidOperationException("The device hub was reached without passing the device key gate.");

    private static Task Refuse(HttpContext context, string detail) => TypedResults.Problem(
        title: "Unauthorized",
        detail: detail,
        statusCode: StatusCodes.Status401Unauthorized,
        extensions: new Dictionary<string, object?> { ["header"] = DeviceHubContract.ApiKeyHeader }).ExecuteAsync(context);
}
