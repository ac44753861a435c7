using Portico.Cli;

return PorticoCli.Run(args, Console.Out, Console.Error);
