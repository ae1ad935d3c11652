namespace EdgeControl.Core.Domain;

/// <summary>Where in the end-edge-cloud hierarchy a node sits.</summary>
public enum Tier
{
    Device,
    Edge,
    Cloud,
}
