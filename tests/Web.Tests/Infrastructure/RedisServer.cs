namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// The real redis-server the scale-out tests use, given by ./test.sh in the environment. Not ConnectionStrings__Redis:
/// that would put every app under test on the backplane; each test that wants Redis sets it for its own app.
/// </summary>
public static class RedisServer
{
    public const string AddressVariable = "EDGECONTROL_TEST_REDIS";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException(
                $"{AddressVariable} is not set: run ./test.sh, which starts a throw-away redis-server and exports its address.");
}
