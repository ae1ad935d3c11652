namespace EdgeControl.Worker.ControlPlane;

/// <summary>A path on the control plane, kept under the server URL's own path (a control plane behind a path prefix).</summary>
internal static class ControlPlaneAddress
{
    public static Uri Of(Uri server, string path) => new(server.ToString().TrimEnd('/') + path);
}
