using System.Runtime.InteropServices;
using EdgeControl.CommandLine;
using EdgeControl.Worker.Execution;
using EdgeControl.Worker.Identity;
using EdgeControl.Worker.Options;

namespace EdgeControl.Worker;

/// <summary>Entry point: parse the command line, know (or register) this worker, then serve until Ctrl-C or SIGTERM.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var command = new WorkerCommand(ShippedScenario.Find, Environment.GetEnvironmentVariable);
        var parsed = command.Parse(args);
        if (WorkerCommand.Answer(parsed, Console.Out, Console.Error) is { } answered)
        {
            return answered;
        }

        var options = command.Read(parsed);
        if (options.ProfileOnly)
        {
            return await ProfileOnly.RunAsync(options, Console.Out);
        }

        try
        {
            var identity = await ResolveIdentityAsync(options);
            if (identity is null)
            {
                return 0;
            }

            Console.Out.WriteLine(
                $"serving {options.Catalog.Count} variants at {options.PublicUrl} (listening on {options.Listen}), {options.Slots} slot(s) x {options.ThreadsPerSlot} thread(s), queue {options.QueueLength}");
            await using var app = WorkerApp.Build(options, identity, Console.Out);
            // The host stops on Ctrl-C and SIGTERM itself: the slots finish what they hold, the hub connection closes.
            await app.RunAsync();
            return 0;
        }
        catch (WorkerStartException error)
        {
            await Console.Error.WriteLineAsync($"worker: {error.Message}");
            return 1;
        }
    }

    /// <summary>The stored or newly registered identity; null when Ctrl-C or SIGTERM came while registration waited for its server.</summary>
    private static async Task<Protocol.RegisteredWorker?> ResolveIdentityAsync(WorkerOptions options)
    {
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop(stop));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop(stop));
        try
        {
            return await WorkerIdentity.ResolveAsync(options, Console.Out, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
    }

    private static Action<PosixSignalContext> Stop(CancellationTokenSource stop) => context =>
    {
        context.Cancel = true;
        stop.Cancel();
    };
}
