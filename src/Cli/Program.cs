using EdgeControl.Cli.Options;

// edgecontrol: exit 0 on success, 2 on a bad command line or scenario, 1 on anything else.
return new EdgeControlCommand().Run(args, Console.Out, Console.Error);
