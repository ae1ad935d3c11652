using StackExchange.Redis;

namespace EdgeControl.Web.Cluster;

/// <summary>
/// <c>ConnectionStrings:Redis</c>, read as StackExchange.Redis reads it (<c>host:port[,option=value...]</c>). Its
/// problems are told without the string itself, which may hold a password.
/// </summary>
internal static class RedisConnectionString
{
    public const string Name = "Redis";

    /// <summary>Every SignalR channel of EdgeControl starts with this, so one Redis can serve other applications too.</summary>
    public const string ChannelPrefix = "EdgeControl";

    /// <summary>The client's settings for <paramref name="connectionString"/>, or the one sentence that stops start-up.</summary>
    public static ConfigurationOptions Parse(string connectionString)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException error)
        {
            throw Invalid(error.Message);
        }

        if (options.EndPoints.Count == 0)
        {
            throw Invalid("it names no host");
        }

        // Start-up waits for the first connection itself (RedisConnection), with a clear message; after that the
        // client reconnects in the background whenever Redis goes away, and never throws at the host.
        options.AbortOnConnectFail = false;
        // While Redis is away, a hub message fails at once (and is logged) instead of queueing for the command
        // timeout: an acknowledgement waiting 5 s would hold up the outcome batcher behind it.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ChannelPrefix = RedisChannel.Literal(ChannelPrefix);
        options.ClientName ??= "EdgeControl";
        return options;
    }

    private static InvalidOperationException Invalid(string reason) => new(
        $"ConnectionStrings:{Name} is not a Redis connection string ({reason.TrimEnd('.')}): give host:port[,option=value...], e.g. localhost:6379, or leave it empty for one instance without Redis.");
}
