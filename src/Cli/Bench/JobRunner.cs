using System.Diagnostics;
using System.Globalization;
using EdgeControl.Agents.Training;

namespace EdgeControl.Cli.Bench;

/// <summary>Runs one <see cref="TrainingJob"/> in a child process and reads back its learning curve.</summary>
internal static class JobRunner
{
    private const int StderrLinesKept = 20;

    /// <param name="stopWhen">Asked after every evaluation the child reports; true stops the child (its outcome then says so).</param>
    public static async Task<JobOutcome> RunAsync(
        string scenarioPath,
        TrainingJob job,
        ExperimentProgress progress,
        Func<IReadOnlyList<ProgressPoint>, bool>? stopWhen,
        CancellationToken cancellation)
    {
        using var process = Process.Start(SelfProcess.StartInfo(job.Arguments(scenarioPath)))
            ?? throw new JobFailedException($"{job.Title}: could not start a child process");
        var tail = new Queue<string>();
        var points = new List<ProgressPoint>();
        var stopped = false;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
            var stderr = ReadStderrAsync();
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
            var output = await stdout.ConfigureAwait(false);
            await stderr.ConfigureAwait(false);
            if (stopped)
            {
                var curve = points.Select(p => new CurvePoint(p.Interactions, p.OpenLoopScore, p.WallSeconds, double.NaN, 0, double.NaN, p.ClosedLoopScore)).ToList();
                return new JobOutcome(new SeedRun(job.Agent, job.Label, job.Seed, points[^1].WallSeconds, curve), points[^1].Interactions);
            }

            if (process.ExitCode != 0)
            {
                throw new JobFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"{job.Title} failed with exit code {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, tail)}"));
            }

            try
            {
                return new JobOutcome(JobProtocol.ParseResult(output), null);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
            {
                throw new JobFailedException($"{job.Title} printed no readable result ({e.Message})");
            }
        }
        finally
        {
            Stop(process);
        }

        async Task ReadStderrAsync()
        {
            while (await process.StandardError.ReadLineAsync(cancellation).ConfigureAwait(false) is { } line)
            {
                if (!JobProtocol.TryParseProgress(line, out var point))
                {
                    tail.Enqueue(line);
                    if (tail.Count > StderrLinesKept)
                    {
                        tail.Dequeue();
                    }

                    continue;
                }

                points.Add(point);
                progress.Advanced(job, point);
                if (!stopped && stopWhen is not null && stopWhen(points))
                {
                    stopped = true;
                    Stop(process);
                }
            }
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill: nothing left to stop.
        }
    }
}
