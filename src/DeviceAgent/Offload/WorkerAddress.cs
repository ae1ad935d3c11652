namespace EdgeControl.DeviceAgent.Offload;

/// <summary>A worker endpoint's address: the path appended to the worker's registered base URL.</summary>
internal static class WorkerAddress
{
    /// <summary>
    /// Appended, not resolved: a worker reached through a path prefix (<c>http://gateway/edge-1</c>) keeps it, where
    /// resolving <c>/v1/infer</c> against the base would drop it. Throws <see cref="UriFormatException"/> for a base
    /// that is not an absolute http:// or https:// URL (<c>edge-1:8080</c> parses, with the scheme <c>edge-1</c>).
    /// </summary>
    public static Uri Of(string workerUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(workerUrl);
        var address = new Uri(workerUrl.TrimEnd('/') + path, UriKind.Absolute);
        return address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps
            ? address
            : throw new UriFormatException($"'{workerUrl}' is not an absolute http:// or https:// URL.");
    }
}
