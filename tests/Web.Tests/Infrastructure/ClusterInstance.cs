using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>One control-plane instance of a cluster in a test: its own host and name, a database shared with the others, its log captured.</summary>
internal sealed class ClusterInstance : IAsyncDisposable
{
    private ClusterInstance(string name, EdgeControlAppFactory app, CapturedLogs logs, Uri? address)
    {
        Name = name;
        App = app;
        Logs = logs;
        Address = address;
    }

    public string Name { get; }

    public EdgeControlAppFactory App { get; }

    public CapturedLogs Logs { get; }

    /// <summary>Its real socket when started with <c>onLoopback</c> (hub clients need one); null in memory.</summary>
    public Uri? Address { get; }

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>
    /// Starts instance <paramref name="name"/> on <paramref name="connectionString"/> with <paramref name="settings"/>
    /// and Cluster:InstanceName set: in memory, or on real Kestrel on a free loopback port with <paramref name="onLoopback"/>.
    /// </summary>
    public static ClusterInstance Start(string name, string connectionString, IReadOnlyDictionary<string, string?>? settings = null, bool onLoopback = false)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Cluster:InstanceName"] = name };
        var logs = new CapturedLogs();
        var app = new EdgeControlAppFactory(connectionString, services => services.AddSingleton<ILoggerProvider>(logs), values);
        Uri? address = null;
        if (onLoopback)
        {
            address = app.ServeOnLoopback();
        }
        else
        {
            _ = app.Server;
        }

        return new ClusterInstance(name, app, logs, address);
    }

    public bool Logged(string text) => Logs.Since(0).Any(entry => entry.Message.Contains(text, StringComparison.Ordinal));

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
