using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>One control-plane instance of a cluster in a test: its own host and name, a database shared with the others, its log captured.</summary>
internal sealed class ClusterInstance : IAsyncDisposable
{
    private ClusterInstance(string name, EdgeControlAppFactory app, CapturedLogs logs)
    {
        Name = name;
        App = app;
        Logs = logs;
    }

    public string Name { get; }

    public EdgeControlAppFactory App { get; }

    public CapturedLogs Logs { get; }

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Starts instance <paramref name="name"/> on <paramref name="connectionString"/> with <paramref name="settings"/> and Cluster:InstanceName set.</summary>
    public static ClusterInstance Start(string name, string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Cluster:InstanceName"] = name };
        var logs = new CapturedLogs();
        var app = new EdgeControlAppFactory(connectionString, services => services.AddSingleton<ILoggerProvider>(logs), values);
        _ = app.Server;
        return new ClusterInstance(name, app, logs);
    }

    public bool Logged(string text) => Logs.Since(0).Any(entry => entry.Message.Contains(text, StringComparison.Ordinal));

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
