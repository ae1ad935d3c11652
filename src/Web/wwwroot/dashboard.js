// Admin actions of the dashboard go through the REST API with the signed-in user's cookie, so the server's
// authorization policy decides, exactly as for any other API caller. X-Requested-With marks a call without a body
// (stop, revoke) as the dashboard's: no form and no simple cross-site request can send that header
// (Api/CrossSiteRequestGuard.cs refuses bodyless API calls without it).
export async function sendJson(method, url, body) {
    const init = { method, credentials: 'same-origin', headers: { 'Accept': 'application/json', 'X-Requested-With': 'EdgeControl' } };
    if (body !== null && body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    return { status: response.status, body: await response.text() };
}

// The clipboard API needs a secure context (HTTPS or localhost); elsewhere fall back to a selected text area.
export async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'absolute';
    area.style.left = '-9999px';
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
}
