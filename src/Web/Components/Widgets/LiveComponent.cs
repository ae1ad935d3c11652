using EdgeControl.Web.Training;
using Microsoft.AspNetCore.Components;

namespace EdgeControl.Web.Components.Widgets;

/// <summary>
/// A page that follows the training run. The notifier fires on every twin step (20/s at the watchable pace,
/// unpaced far more), so updates only mark the page stale; a timer refreshes it at most
/// <see cref="RefreshesPerSecond"/> times a second, which bounds the work and the traffic of each circuit.
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

    [Inject]
    private TrainingNotifier Notifier { get; set; } = default!;

    protected sealed override async Task OnInitializedAsync()
    {
        _subscription = Notifier.Subscribe(_ => Volatile.Write(ref _stale, 1));
        await LoadAsync();
        // Only once loaded: a refresh must never run beside the first load.
        if (!_disposed)
        {
            _timer = new Timer(OnTick, null, RefreshInterval, RefreshInterval);
        }
    }

    /// <summary>Reads what the page shows first (database queries included).</summary>
    protected abstract Task LoadAsync();

    /// <summary>Reads the latest state and renders; runs on the circuit's dispatcher.</summary>
    protected virtual Task RefreshAsync()
    {
        StateHasChanged();
        return Task.CompletedTask;
    }

    private void OnTick(object? state)
    {
        // A refresh still running (a slow chart update) is not stacked on: the next tick catches up.
        if (Volatile.Read(ref _disposed) || Interlocked.Exchange(ref _stale, 0) == 0 || Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        _ = RefreshOnCircuitAsync();
    }

    private async Task RefreshOnCircuitAsync()
    {
        try
        {
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
