namespace EdgeControl.Web.Database;

internal sealed class DatabaseOptions
{
    /// <summary>Name under <c>ConnectionStrings</c> (env <c>ConnectionStrings__EdgeControl</c>).</summary>
    public const string ConnectionStringName = "EdgeControl";

    public const string MissingConnectionStringMessage =
        "The PostgreSQL connection string 'ConnectionStrings:EdgeControl' is not set: set the environment variable " +
        "ConnectionStrings__EdgeControl or start the app with ./run.sh, which starts a private cluster and sets it.";

    public string? ConnectionString { get; set; }
}
