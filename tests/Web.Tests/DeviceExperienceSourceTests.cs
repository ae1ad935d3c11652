using EdgeControl.Agents.Learning;
using EdgeControl.Core.Scenarios;
using EdgeControl.Core.Simulation;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Training;

namespace EdgeControl.Web.Tests;

/// <summary>How the device outcomes waiting for the learner reach the training loop.</summary>
public sealed class DeviceExperienceSourceTests
{
    private static readonly Lazy<Core.Domain.Scenario> Paper = new(() => ScenarioLoader.Load(Path.Combine(RepositoryRoot.Path, "scenarios", "paper-mobilenet.json")));

    [Fact]
    public void One_drain_takes_every_waiting_outcome_that_fits_the_run_s_scenario_oldest_first()
    {
        var live = new LiveExperiences(capacity: 100);
        var written = Write(live, 30);
        // Decided under a scenario with more users (a run started since): not this learner's input.
        var twin = new EdgeCloudTwin(Paper.Value);
        var request = twin.Reset(3);
        live.Write(new LiveExperience(Guid.NewGuid(), request with { User = Paper.Value.Users.Count }, 0, twin.Step(0).Outcome, -1, DateTimeOffset.UtcNow));
        var source = new DeviceExperienceSource(live, Paper.Value);
        var batch = new List<Experience>();

        source.DrainInto(batch);

        Assert.Equal(written.Select(w => (w.Request, w.Action)), batch.Select(e => (e.Request, e.Action)));
        Assert.False(live.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Waiting_for_device_outcomes_returns_once_one_is_written_or_the_run_stops()
    {
        var live = new LiveExperiences(capacity: 100);
        var source = new DeviceExperienceSource(live, Paper.Value);
        using var stop = new CancellationTokenSource();

        var waiting = Task.Run(() => source.WaitForExperiences(stop.Token));
        Write(live, 1);
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        _ = live.Reader.TryRead(out _);
        var stopped = Task.Run(() => source.WaitForExperiences(stop.Token));
        stop.Cancel();
        await stopped.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static List<LiveExperience> Write(LiveExperiences live, int count)
    {
        var twin = new EdgeCloudTwin(Paper.Value);
        var request = twin.Reset(5);
        var written = new List<LiveExperience>();
        for (var i = 0; i < count; i++)
        {
            var action = i % twin.Actions.Count;
            var result = twin.Step(action);
            written.Add(new LiveExperience(Guid.NewGuid(), request, action, result.Outcome, result.Reward, DateTimeOffset.UtcNow));
            live.Write(written[^1]);
            request = result.Next;
        }

        return written;
    }
}
