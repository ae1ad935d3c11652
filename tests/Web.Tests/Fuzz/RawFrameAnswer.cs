namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>What the server did with one raw-frame case: the HTTP status of the upgrade (101) and what it sent or how it closed.</summary>
internal sealed record RawFrameAnswer(string Case, int Upgrade, string Answer);
