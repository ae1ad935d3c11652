namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>One hub call to make: the method name, which mutation made it, and its arguments, raw.</summary>
internal sealed record HubInvocation(string Method, string Mutation, string Detail, IReadOnlyList<RawJson> Arguments);
