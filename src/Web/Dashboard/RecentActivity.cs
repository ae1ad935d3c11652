using EdgeControl.Agents.Training;
using EdgeControl.Data;
using EdgeControl.Web.Topology;
using EdgeControl.Web.Training;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Dashboard;

/// <summary>
/// The dashboard's bounded memory of the current run: the latest placements of every user, counts of where and
/// with which variant each user ran, and the run's learning curve. One subscriber for all circuits, so a page
/// opened mid-run shows history at once, and memory stays flat however long the run goes.
/// </summary>
public sealed partial class RecentActivity(TrainingNotifier notifier, IServiceScopeFactory scopeFactory, ILogger<RecentActivity> logger)
    : IHostedService, IDisposable
{
    /// <summary>Placements kept per user: at the twin's watchable pace (20 steps/s, 9 users) about two minutes each.</summary>
    public const int PlacementsPerUser = 300;

    /// <summary>Placements of all users the headline figures average over.</summary>
    public const int WindowSize = 200;

    /// <summary>Curve points kept; beyond it every other older point is dropped (the log axis compresses them anyway).</summary>
    public const int MaxCurvePoints = 1000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, UserCounts> _users = new(StringComparer.Ordinal);
    private readonly Queue<PlacementRecord> _window = new();
    private readonly List<CurvePoint> _curve = [];
    private IDisposable? _subscription;
    private Guid? _runId;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe(OnUpdate);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => Interlocked.Exchange(ref _subscription, null)?.Dispose();

    /// <summary>The run the figures belong to, or null before the first update.</summary>
    public Guid? RunId
    {
        get
        {
            lock (_lock)
            {
                return _runId;
            }
        }
    }

    public IReadOnlyList<CurvePoint> Curve()
    {
        lock (_lock)
        {
            return [.. _curve];
        }
    }

    public RecentWindow Window()
    {
        lock (_lock)
        {
            if (_window.Count == 0)
            {
                return RecentWindow.Empty;
            }

            double latency = 0, energy = 0;
            var violations = 0;
            foreach (var p in _window)
            {
                latency += p.LatencyMs;
                energy += p.EnergyJ;
                violations += p.Violated ? 1 : 0;
            }

            return new RecentWindow(_window.Count, latency / _window.Count, energy / _window.Count, violations);
        }
    }

    /// <summary>Every user seen in this run, by name.</summary>
    public IReadOnlyList<UserActivity> Users()
    {
        lock (_lock)
        {
            return [.. _users.Values.Select(u => u.ToActivity()).OrderBy(u => u.User, StringComparer.Ordinal)];
        }
    }

    // Runs on the learning thread: a few list operations under a short lock, nothing else.
    private void OnUpdate(TrainingUpdate update)
    {
        var seed = false;
        lock (_lock)
        {
            if (_runId != update.RunId)
            {
                _runId = update.RunId;
                _users.Clear();
                _window.Clear();
                _curve.Clear();
                seed = true;
            }

            if (update.Placement is { } placement)
            {
                if (!_users.TryGetValue(placement.User, out var counts))
                {
                    counts = new UserCounts(placement.User);
                    _users.Add(placement.User, counts);
                }

                counts.Add(placement);
                _window.Enqueue(placement);
                if (_window.Count > WindowSize)
                {
                    _window.Dequeue();
                }
            }

            if (update.Point is { } point)
            {
                _curve.Add(point);
                if (_curve.Count > MaxCurvePoints)
                {
                    Thin(_curve);
                }
            }
        }

        if (seed)
        {
            // A resumed run already has points in the database; the learning thread must not wait for them.
            _ = Task.Run(() => SeedCurveAsync(update.RunId));
        }
    }

    private async Task SeedCurveAsync(Guid runId)
    {
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
            var stored = await db.CurvePoints.AsNoTracking()
                .Where(p => p.RunId == runId)
                .OrderBy(p => p.RealInteractions)
                .Select(StoredCurvePoints.ToCurvePoint)
                .ToListAsync();
            lock (_lock)
            {
                if (_runId != runId)
                {
                    return;
                }

                var firstLive = _curve.Count > 0 ? _curve[0].RealInteractions : long.MaxValue;
                _curve.InsertRange(0, stored.Where(p => p.RealInteractions < firstLive));
                while (_curve.Count > MaxCurvePoints)
                {
                    Thin(_curve);
                }
            }
        }
#pragma warning disable CA1031 // The live curve goes on without the stored part; the dashboard must not fault the run.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogSeedFailed(logger, error, runId);
        }
    }

    /// <summary>Drops every other point of the older half, keeping the first point and the recent ones exact.</summary>
    private static void Thin(List<CurvePoint> curve)
    {
        var half = curve.Count / 2;
        var kept = new List<CurvePoint>(curve.Count);
        for (var i = 0; i < curve.Count; i++)
        {
            if (i >= half || i % 2 == 0)
            {
                kept.Add(curve[i]);
            }
        }

        curve.Clear();
        curve.AddRange(kept);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the stored curve of run {RunId} for the dashboard")]
    private static partial void LogSeedFailed(ILogger logger, Exception error, Guid runId);

    private sealed class UserCounts(string user)
    {
        private readonly Queue<PlacementRecord> _recent = new();
        private readonly Dictionary<string, long> _byTier = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _byVariant = new(StringComparer.Ordinal);
        private long _requests;
        private long _violations;

        public void Add(PlacementRecord placement)
        {
            _recent.Enqueue(placement);
            if (_recent.Count > PlacementsPerUser)
            {
                _recent.Dequeue();
            }

            _requests++;
            _violations += placement.Violated ? 1 : 0;
            _byTier[placement.TargetTier] = _byTier.GetValueOrDefault(placement.TargetTier) + 1;
            _byVariant[placement.Variant] = _byVariant.GetValueOrDefault(placement.Variant) + 1;
        }

        public UserActivity ToActivity() =>
            new(user, [.. _recent], _requests, _violations, new Dictionary<string, long>(_byTier), new Dictionary<string, long>(_byVariant));
    }
}
