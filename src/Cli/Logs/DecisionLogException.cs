namespace EdgeControl.Cli.Logs;

/// <summary>The control plane's database could not be read; the message is one sentence naming the option at fault.</summary>
internal sealed class DecisionLogException(string message, Exception? inner = null) : Exception(message, inner);
