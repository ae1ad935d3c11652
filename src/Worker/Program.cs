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

        using var stop = new CancellationTokenSource();
        // Until the host runs (it handles them itself), Ctrl-C and SIGTERM stop a registration that waits for its server.
        using (PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop(stop)))
        using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop(stop)))
        {
            try
            {
                var identity = await WorkerIdentity.ResolveAsync(options, Console.Out, stop.Token);
                Console.Out.WriteLine($"serving {options.Catalog.Count} variants at {options.PublicUrl} (listening on {options.Listen}), {options.Slots} slot(s) x {options.ThreadsPerSlot} thread(s), queue {options.QueueLength}");
                await using var app = WorkerApp.Build(options, identity, Console.Out);
                await app.RunAsync();
                return 0;
            }
            catch (WorkerStartException error)
            {
                await Console.Error.WriteLineAsync($"worker: {error.Message}");
                return 1;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return 0;
            }
        }
    }

    private static Action<PosixSignalContext> Stop(CancellationTokenSource stop) => context =>
    {
        context.Cancel = true;
        stop.Cancel();
    };
}
