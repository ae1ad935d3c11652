// The device agent (connect to the hub, execute decisions, report measurements) is built with
// the control-plane issue; until then this program says so instead of pretending to work.
Console.Error.WriteLine("edgecontrol device agent: not implemented yet (it arrives with the control plane: REST registration and the SignalR device hub).");
return 1;
