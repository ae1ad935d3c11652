namespace EdgeControl.Cli.Bench;

/// <summary>What <c>POST /api/v1/decisions</c> answered for one request: what its outcome must echo, ticket included.</summary>
internal sealed record IssuedDecision(string RequestId, string User, int Action, string Target, string Variant, string Ticket);
