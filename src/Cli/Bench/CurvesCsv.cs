using System.Globalization;
using EdgeControl.Agents.Training;

namespace EdgeControl.Cli.Bench;

/// <summary><c>curves.csv</c>: every evaluation point of every main run, both scores (closed loop first).</summary>
internal static class CurvesCsv
{
    public const string Header = "agent,seed,interactions,closedLoopScore,openLoopScore,wallSeconds,cumulativeRegret,violations,modelLoss";

    /// <summary>The header of experiments from before closed-loop scores: its one score is the open-loop one.</summary>
    public const string OpenLoopHeader = "agent,seed,interactions,score,wallSeconds,cumulativeRegret,violations,modelLoss";

    public static void Write(TextWriter output, IEnumerable<AgentRuns> agents)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(agents);
        output.WriteLine(Header);
        foreach (var run in agents.SelectMany(a => a.Runs))
        {
            foreach (var p in run.Curve)
            {
                output.WriteLine(Csv.Row(Csv.Field(run.Agent), Csv.Number(run.Seed), Csv.Number(p.RealInteractions), Csv.Number(p.ClosedLoopScore),
                    Csv.Number(p.Score), Csv.Number(p.WallSeconds), Csv.Number(p.CumulativeRegret), Csv.Number(p.Violations), Csv.Number(p.ModelLoss)));
            }
        }
    }

    /// <summary>
    /// The runs in a file <see cref="Write"/> wrote (or one with <see cref="OpenLoopHeader"/>, whose closed-loop scores
    /// are then NaN), in the order written; their setting is left empty (results.json has it) and their training time is
    /// their last point's.
    /// </summary>
    /// <param name="name">How messages name the file.</param>
    public static IReadOnlyList<SeedRun> Read(TextReader input, string name)
    {
        ArgumentNullException.ThrowIfNull(input);
        var header = input.ReadLine();
        var closedLoop = header switch
        {
            Header => true,
            OpenLoopHeader => false,
            _ => throw new InvalidDataException($"{name} does not start with the header '{Header}' (or, from before closed-loop scores, '{OpenLoopHeader}')"),
        };
        var width = header.Split(',').Length;
        var runs = new List<(string Agent, long Seed, List<CurvePoint> Curve)>();
        var number = 1;
        while (input.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            // Agent names are plain identifiers, so no field of the file is quoted.
            var fields = line.Split(',');
            if (fields.Length != width)
            {
                throw new InvalidDataException($"{name} line {number}: {fields.Length} fields, not {width}");
            }

            double Real(int i) => fields[i].Length == 0 ? double.NaN
                : double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
                : throw new InvalidDataException($"{name} line {number}: field {i + 1} is not a number ('{fields[i]}')");
            long Whole(int i) => long.TryParse(fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidDataException($"{name} line {number}: field {i + 1} is not a whole number ('{fields[i]}')");

            var (agent, seed) = (fields[0], Whole(1));
            if (runs.Count == 0 || runs[^1].Agent != agent || runs[^1].Seed != seed)
            {
                runs.Add((agent, seed, []));
            }

            var point = closedLoop
                ? new CurvePoint(Whole(2), Real(4), Real(5), Real(6), Whole(7), Real(8), Real(3))
                : new CurvePoint(Whole(2), Real(3), Real(4), Real(5), Whole(6), Real(7), double.NaN);
            runs[^1].Curve.Add(point);
        }

        return [.. runs.Select(r => new SeedRun(r.Agent, "", r.Seed, r.Curve[^1].WallSeconds, r.Curve))];
    }
}
