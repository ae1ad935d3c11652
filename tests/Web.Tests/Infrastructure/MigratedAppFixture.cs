namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// One fresh database for the whole test run, migrated by the app's own start-up, and dropped at the end,
/// so runs never see each other's data.
/// </summary>
public sealed class MigratedAppFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public EdgeControlAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync();
        App = new EdgeControlAppFactory(ConnectionString);
        _ = App.Server; // starts the host, which applies the migrations
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (ConnectionString.Length > 0)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }
    }
}
