using System.Runtime.InteropServices;
using EdgeControl.Core.Buffers;
using EdgeControl.DeviceAgent.Bench;
using EdgeControl.DeviceAgent.Options;

namespace EdgeControl.DeviceAgent;

/// <summary>
/// Entry point. A class of its own (not top-level statements) so the tests, which reference both this program and the
/// web app, do not see two global <c>Program</c> types.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Before anything rents a buffer (the pool reads its size once): the hub benchmark holds thousands of connections.
        SharedBufferPool.Enlarge();
        var command = new AgentCommand(DefaultScenario.Find, Environment.GetEnvironmentVariable);
        var parsed = command.Parse(args);
        if (AgentCommand.Answer(parsed, Console.Out, Console.Error) is { } answered)
        {
            return answered;
        }

        var options = command.Read(parsed);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl-C stops cleanly (reports flushed as far as the server acknowledges); a second one kills.
            e.Cancel = !stop.IsCancellationRequested;
            stop.Cancel();
        };
        // SIGTERM (systemd, kill, the fault suite) stops as cleanly as Ctrl-C: the outbox keeps what is not acknowledged.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        try
        {
            if (options.BenchOutbox is not null)
            {
                return OutboxBenchmark.Run(options, Console.Out);
            }

            return options.BenchDevices is not null
                ? await HubBenchmark.RunAsync(options, Console.Out, stop.Token)
                : await DeviceRun.RunAsync(options, Console.Out, stop.Token);
        }
        catch (DeviceAgentException error)
        {
            await Console.Error.WriteLineAsync($"device agent: {error.Message}");
            return 1;
        }
        catch (HttpRequestException error)
        {
            await Console.Error.WriteLineAsync($"device agent: cannot reach {string.Join(", ", options.Servers)}: {error.Message}");
            return 1;
        }
    }
}
