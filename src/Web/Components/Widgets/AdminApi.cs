using Microsoft.JSInterop;

namespace EdgeControl.Web.Components.Widgets;

/// <summary>
/// Sends an admin action from the browser (fetch with the user's cookie) to the REST API. The server checks the
/// Admin policy on every call: hiding the controls from operators is for clarity, not for safety.
/// </summary>
public sealed class AdminApi(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    public async Task<ApiAnswer> SendAsync(string method, string url, object? body)
    {
        var module = await ModuleAsync();
        return await module.InvokeAsync<ApiAnswer>("sendJson", method, url, body);
    }

    public async Task<bool> CopyAsync(string text)
    {
        var module = await ModuleAsync();
        return await module.InvokeAsync<bool>("copyText", text);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./dashboard.js");
}
