using Microsoft.AspNetCore.SignalR.Client;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>One try to connect to the hub: the connection, or the status it was refused with (null: none seen) and why.</summary>
internal sealed record ConnectAttempt(HubConnection? Connection, int? Status, string? Failure);
