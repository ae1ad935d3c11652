using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_up_fails_with_a_clear_message_when_connection_string_is_missing()
    {
        await using var app = new EdgeControlAppFactory(connectionString: null);

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Equal(
            "The PostgreSQL connection string 'ConnectionStrings:EdgeControl' is not set: set the environment variable " +
            "ConnectionStrings__EdgeControl or start the app with ./run.sh, which starts a private cluster and sets it.",
            error.Message);
    }
}
