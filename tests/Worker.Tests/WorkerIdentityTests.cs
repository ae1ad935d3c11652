using EdgeControl.Core.Catalog;
using EdgeControl.Protocol;
using EdgeControl.Worker.Identity;
using EdgeControl.Worker.Options;

namespace EdgeControl.Worker.Tests;

/// <summary>A worker that registered once is the same worker after a restart: its identity lives in its data directory.</summary>
public sealed class WorkerIdentityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgecontrol-worker-test-").FullName;

    [Fact]
    public async Task A_stored_identity_is_used_without_registering_even_when_the_control_plane_is_unreachable()
    {
        var stored = Identity("edge-1");
        WorkerIdentityFile.Save(_directory, stored);

        // Port 1 on loopback: nothing answers there, so a registration attempt would wait and retry forever.
        var resolved = await WorkerIdentity.ResolveAsync(Options("edge-1", token: null), TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(stored, resolved);
    }

    [Fact]
    public void The_identity_file_is_readable_by_its_owner_only()
    {
        WorkerIdentityFile.Save(_directory, Identity("edge-1"));

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, WorkerIdentityFile.FileName)));
        }
    }

    [Fact]
    public async Task Another_workers_data_directory_is_refused_naming_both()
    {
        WorkerIdentityFile.Save(_directory, Identity("edge-1"));

        var error = await Assert.ThrowsAsync<WorkerStartException>(() => WorkerIdentity.ResolveAsync(Options("edge-2", token: null), TextWriter.Null, CancellationToken.None));

        Assert.Contains("belongs to worker 'edge-1', not 'edge-2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_identity_or_a_registration_token_start_up_stops_naming_the_option()
    {
        var error = await Assert.ThrowsAsync<WorkerStartException>(() => WorkerIdentity.ResolveAsync(Options("edge-1", token: null), TextWriter.Null, CancellationToken.None));

        Assert.Contains("--registration-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_identity_file_is_refused_naming_it()
    {
        File.WriteAllText(Path.Combine(_directory, WorkerIdentityFile.FileName), "{ not json");

        var error = Assert.Throws<WorkerStartException>(() => WorkerIdentityFile.Load(_directory));

        Assert.Contains(WorkerIdentityFile.FileName, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static RegisteredWorker Identity(string name) =>
        new(Guid.NewGuid(), name, "edge", "http://10.0.0.5:8100", "api-key", WorkerTokens.Encode(WorkerTokens.NewKey()));

    private WorkerOptions Options(string name, string? token) => new()
    {
        Server = new Uri("http://127.0.0.1:1"),
        Name = name,
        Url = new Uri("http://10.0.0.5:8100"),
        Listen = new Uri("http://0.0.0.0:8100"),
        DataDirectory = _directory,
        RegistrationToken = token,
        Catalog = PublishedFigures.MobileNetV1,
    };
}
