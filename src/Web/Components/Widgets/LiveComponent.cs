using EdgeControl.Web.Training;
using Microsoft.AspNetCore.Components;

namespace EdgeControl.Web.Components.Widgets;

/// <summary>
/// A page that follows the training run. The notifier fires on every twin step (20/s at the watchable pace,
/// unpaced far more), so updates only mark the page stale; a timer refreshes it at most
/// <see cref="RefreshesPerSecond"/> times a second, which bounds the work and the traffic of each circuit.
/// A page that shows stored state the notifier does not announce (heartbeats, registrations) sets
/// <see cref="ReloadInterval"/>, and its <see cref="LoadAsync"/> runs again that often.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    public const int RefreshesPerSecond = 2;

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1.0 / RefreshesPerSecond);

    private IDisposable? _subscription;
    private Timer? _timer;
    private int _stale;
    private int _refreshing;
    private bool _disposed;
    private long _loadedAt;

    [Inject]
    private TrainingNotifier Notifier { get; set; } = default!;

    protected sealed override async Task OnInitializedAsync()
    {
        _subscription = Notifier.Subscribe(_ => Volatile.Write(ref _stale, 1));
        await LoadAsync();
        _loadedAt = Environment.TickCount64;
        // Only once loaded: a refresh must never run beside the first load.
        if (!_disposed)
        {
            _timer = new Timer(OnTick, null, RefreshInterval, RefreshInterval);
        }
    }

    /// <summary>Reads what the page shows first (database queries included).</summary>
    protected abstract Task LoadAsync();

    /// <summary>How often <see cref="LoadAsync"/> runs again; null (the default): only once, updates come from the notifier.</summary>
    protected virtual TimeSpan? ReloadInterval => null;

    /// <summary>Reads the latest state and renders; runs on the circuit's dispatcher.</summary>
    protected virtual Task RefreshAsync()
    {
        StateHasChanged();
        return Task.CompletedTask;
    }

    private void OnTick(object? state)
    {
        var reload = ReloadInterval is { } every && Environment.TickCount64 - Interlocked.Read(ref _loadedAt) >= (long)every.TotalMilliseconds;
        // A refresh still running (a slow chart update) is not stacked on: the next tick catches up.
        if (Volatile.Read(ref _disposed) || (Interlocked.Exchange(ref _stale, 0) == 0 && !reload) || Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        _ = RefreshOnCircuitAsync(reload);
    }

    private async Task RefreshOnCircuitAsync(bool reload)
    {
        try
        {
            if (reload)
            {
                Interlocked.Exchange(ref _loadedAt, Environment.TickCount64);
                await InvokeAsync(LoadAsync);
            }

            await InvokeAsync(RefreshAsync);
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed between the tick and the refresh.
        }
#pragma warning disable CA1031 // Handed to the renderer, which shows the error UI and ends the circuit like any render error.
        catch (Exception error) when (!Volatile.Read(ref _disposed))
#pragma warning restore CA1031
        {
            await DispatchExceptionAsync(error);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            Volatile.Write(ref _disposed, true);
            _subscription?.Dispose();
            _timer?.Dispose();
        }
    }
}
