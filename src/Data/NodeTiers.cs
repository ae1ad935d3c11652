namespace EdgeControl.Data;

/// <summary>The values the <c>nodes.tier</c> column accepts (enforced by a check constraint).</summary>
public static class NodeTiers
{
    public const string Device = "device";
    public const string Edge = "edge";
    public const string Cloud = "cloud";
}
