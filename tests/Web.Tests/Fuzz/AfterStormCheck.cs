namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>One valid request after a storm, what it got (a status code, or what the hub sent back) and whether that is right.</summary>
internal sealed record AfterStormCheck(string Check, string Answer, bool Passed, string Detail);
